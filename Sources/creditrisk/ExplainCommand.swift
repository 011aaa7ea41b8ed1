import ArgumentParser
import CreditData
import CreditEngine
import CreditReport

extension CreditRisk {
  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Explain one customer's score, limit, holds and next actions, or one invoice.",
      discussion: """
        Scores the history as 'creditrisk score' does (same model, as-of date, policy and \
        ladder) and explains one customer in plain words: the score built up in points per \
        feature, the history in brief, the limit computation, holds and the next action on \
        each open invoice; or, with --invoice, an open invoice's expected payment date, \
        chance of being paid, interval and next action.
        """)

    @OptionGroup var input: HistoryOptions

    @Option(help: "Model JSON written by 'creditrisk train'.")
    var model: String

    @OptionGroup var settings: PolicyOptions

    @OptionGroup var age: ModelAgeOption

    @OptionGroup var collections: CollectionsOptions

    // Taken as given even when it starts with '-' (an id such as -minus or -1042): read as an
    // option, it left '--customer' with a missing value.
    @Option(parsing: .unconditional, help: "The customer to explain (its id as in the history).")
    var customer: String?

    @Option(
      parsing: .unconditional, help: "The open invoice to explain (its id as in the history).")
    var invoice: String?

    func validate() throws {
      if (customer == nil) == (invoice == nil) {
        throw ValidationError("give either --customer ID or --invoice ID")
      }
    }

    func run() throws {
      let policy = try settings.loadPolicy()
      let scorer = Scorer(
        model: try ModelFile.read(path: model), policy: policy, ladder: try settings.loadLadder())
      var portfolio = try input.loadUnhashedPortfolio()
      try collections.attach(to: &portfolio, options: input.loadOptions)
      reportLoad(portfolio)
      let result = scorer.score(portfolio)
      printWarnings(
        RunWarnings.missingInputs(portfolio, model: scorer.model)
          + RunWarnings.scoring(
            result, portfolio: portfolio, model: scorer.model, maxModelAgeDays: age.maxModelAge))
      do {
        if let customer {
          let e = try scorer.explain(customer: customer, in: portfolio, scored: result)
          print(ExplanationText.render(e, policy: policy))
        } else if let invoice {
          let e = try scorer.explain(invoice: invoice, in: portfolio, scored: result)
          print(ExplanationText.render(e))
        }
      } catch let error as ExplainError {
        throw CommandError(error.description)
      }
    }
  }
}
