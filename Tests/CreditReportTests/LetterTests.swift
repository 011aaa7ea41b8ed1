import CreditData
import CreditEngine
import CreditReport
import Foundation
import TestSupport
import Testing

/// `score --letters`: a letter per customer with a due action, from templates a user can
/// replace; template errors name the file and line.
@Suite struct LetterTests {
  /// The sample scored with its promises and disputes, and the first proposed plan accepted.
  static let scored: ScoreResult? = {
    guard let (sample, model) = ModelFileTests.trained else { return nil }
    var portfolio = sample
    let root = repositoryRoot() + "/datasets/"
    guard let promises = try? PromiseTable.load(path: root + "promises.csv"),
      let disputes = try? DisputeTable.load(path: root + "disputes.csv")
    else { return nil }
    portfolio.collections = CollectionsRecords(promises: promises, disputes: disputes)
    let plans = Scorer(model: model).score(portfolio).collections.paymentPlans
    let first = plans.filter { $0.customerID == plans.first?.customerID }
    portfolio.collections.acceptedPlans = AcceptedPlanTable(
      customerIDs: first.map(\.customerID), dueDate: first.map(\.dueDate),
      amount: first.map(\.amount))
    var scorer = Scorer(model: model)
    scorer.makesLetters = true
    return scorer.score(portfolio)
  }()

  @Test func lettersOnlyWhenAskedFor() throws {
    let result = try #require(Self.scored)
    #expect(!result.collections.letters.isEmpty)
    guard let (sample, model) = ModelFileTests.trained else { return }
    let plain = Scorer(model: model).score(sample)
    #expect(plain.collections.letters.isEmpty)
    #expect(!plain.worklist.isEmpty)
  }

  @Test func oneLetterPerCustomerWithADueAction() throws {
    let result = try #require(Self.scored)
    let files = try LetterFiles.render(result, templates: .defaults())
    let customers = result.worklist.map(\.customerID).reduce(into: [String]()) {
      if $0.last != $1 { $0.append($1) }
    }
    #expect(files.count == customers.count + 1)
    #expect(files.last?.name == "letters.csv")
    for (file, customer) in zip(files, customers) {
      #expect(file.name.hasSuffix("-\(customer).txt"))
      let text = String(decoding: file.bytes, as: UTF8.self)
      #expect(text.contains(customer))
      for item in result.worklist where item.customerID == customer {
        #expect(text.contains(item.invoiceID), "\(file.name) lacks \(item.invoiceID)")
      }
      #expect(!text.contains("{{"))
    }
    // Same inputs, same bytes.
    let again = try LetterFiles.render(result, templates: .defaults())
    #expect(again.map(\.name) == files.map(\.name))
    #expect(again.map(\.bytes) == files.map(\.bytes))
  }

  @Test func aLetterSaysTheAmountsDaysAndThePlanInForce() throws {
    let result = try #require(Self.scored)
    let plan = try #require(result.collections.letters.first { !$0.plan.isEmpty })
    let template = try LetterTemplate(
      text: "{{customer_id}}\n{{invoice_id}} {{amount}} {{days_overdue}}\nplan: {{plan}}\n"
        + "promise: {{promise}}\n",
      fileName: "t.txt")
    let text = template.render(plan, asOf: result.asOf, currency: "USD")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == Substring(plan.customerID))
    // The customer, an invoice a line, the plan, the promise (when one), the final newline.
    #expect(lines.count == plan.invoices.count + 4 - (plan.promise == nil ? 1 : 0))
    let first = try #require(plan.invoices.first)
    #expect(
      lines[1]
        == "\(first.invoiceID) \(HTMLText.grouped(first.amount, 2)) \(max(first.daysPastDue, 0))")
    let instalments = plan.plan.map { "\(HTMLText.grouped($0.amount, 2)) on \($0.dueDate)" }
    #expect(
      text.contains("plan: \(plan.plan.count) instalments: " + instalments.joined(separator: ", ")))
    // A promise in force on one of the sample's letters.
    let promised = try #require(result.collections.letters.first { $0.promise != nil })
    let promise = try #require(promised.promise)
    #expect(
      template.render(promised, asOf: result.asOf, currency: nil).contains(
        "promise: \(HTMLText.grouped(promise.amount, 2)) by \(promise.promisedDate)"))
  }

  /// `{{overdue}}` says the days in words that agree with `{{days_overdue}}`: one day is
  /// singular, an invoice not yet due says when it falls due.
  @Test func overdueInWordsAgreesWithTheDays() throws {
    let result = try #require(Self.scored)
    let template = try LetterTemplate(text: "{{invoice_id}}|{{overdue}}\n", fileName: "t.txt")
    var seen = Set<String>()
    for letter in result.collections.letters {
      let lines = template.render(letter, asOf: result.asOf, currency: nil)
        .split(separator: "\n")
      for (line, invoice) in zip(lines, letter.invoices) {
        let words = String(line.split(separator: "|")[1])
        let d = invoice.daysPastDue
        let expected =
          d == 1
          ? "1 day overdue"
          : d > 1
            ? "\(d) days overdue"
            : d == 0 ? "due today" : d == -1 ? "due tomorrow" : "due in \(-d) days"
        #expect(words == expected, "\(invoice.invoiceID): \(d) days past due")
        seen.insert(d > 1 ? "days" : d == 1 ? "day" : "due")
      }
    }
    #expect(seen.contains("days"))
  }

  /// A letter's "Total overdue" counts only its invoices past due: one due on the as-of date
  /// is listed ("due today") but is not overdue.
  @Test func totalOverdueLeavesOutInvoicesNotYetOverdue() throws {
    let result = try #require(Self.scored)
    let templates = LetterTemplates.defaults()
    var dueToday = 0
    for letter in result.collections.letters {
      for part in letter.byAction {
        let text = try templates.template(for: part.action)
          .render(part, asOf: result.asOf, currency: nil)
        let overdue = part.invoices.filter { $0.daysPastDue > 0 }.reduce(0) { $0 + $1.amount }
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("Total overdue") }
        let withTotal = ["follow-up.txt", "demand-letter.txt", "agency-referral.txt"]
        guard try withTotal.contains(templates.template(for: part.action).fileName) else {
          continue
        }
        // The line says the overdue sum, or is left out when nothing is overdue.
        #expect(
          lines == (overdue > 0 ? ["Total overdue: \(HTMLText.grouped(overdue, 2))"] : []),
          "\(letter.customerID), \(part.action)")
        dueToday += part.invoices.count { $0.daysPastDue <= 0 }
      }
    }
    // The sample has such letters: INV00007624, due on the as-of date, with a follow-up.
    #expect(dueToday > 0)
  }

  @Test func templateErrorsNameTheFileAndLine() {
    #expect {
      try LetterTemplate(
        text: "Dear {{customer_id}},\n\nYou owe {{amount_due}}.\n", fileName: "x.txt")
    } throws: { error in
      "\(error)".hasPrefix(
        "x.txt:3: unknown placeholder {{amount_due}}; known: customer_id, as_of")
    }
    // A slip of the keyboard is answered with the placeholder meant.
    #expect {
      try LetterTemplate(text: "Dear {{customer_id}},\n\nYou owe {{amout}}.\n", fileName: "x.txt")
    } throws: { error in
      "\(error)" == "x.txt:3: unknown placeholder {{amout}} (did you mean {{amount}}?)"
    }
    #expect {
      try LetterTemplate(text: "{{Customer ID}}\n", fileName: "x.txt")
    } throws: { error in
      "\(error)" == "x.txt:1: unknown placeholder {{Customer ID}} (did you mean {{customer_id}}?)"
    }
    #expect {
      try LetterTemplate(text: "Dear {{customer_id\n", fileName: "y.txt")
    } throws: { error in
      "\(error)" == "y.txt:1: '{{' without a closing '}}'"
    }
  }

  @Test func anActionWithoutATemplateIsAnError() throws {
    let templates = try LetterTemplates(
      files: [("follow-up.txt", "{{customer_id}}\n")], source: "mine")
    #expect(try templates.template(for: "follow-up").fileName == "follow-up.txt")
    #expect {
      try templates.template(for: "demand letter")
    } throws: { error in
      "\(error)"
        == "mine: no template for the action 'demand letter': expected demand-letter.txt or default.txt"
    }
  }

  /// An action's template file keeps the letters of any script: `relance écrite` looked for
  /// `relance-crite.txt`, so the user's `relance-écrite.txt` was passed over for default.txt.
  @Test func templateNamesKeepLettersOfAnyScript() throws {
    #expect(LetterTemplates.fileName(for: "Relance écrite") == "relance-écrite.txt")
    #expect(LetterTemplates.fileName(for: "Mahnung (2. Stufe)") == "mahnung-2-stufe.txt")
    #expect(LetterTemplates.fileName(for: "催促 1") == "催促-1.txt")
    let templates = try LetterTemplates(
      files: [("relance-écrite.txt", "{{customer_id}}\n"), ("default.txt", "{{action}}\n")],
      source: "mine")
    #expect(try templates.template(for: "relance écrite").fileName == "relance-écrite.txt")
  }

  /// The defaults built in are the repository's templates/letters/, file for file.
  @Test func theDefaultsAreTheRepositoryTemplates() throws {
    let folder = repositoryRoot() + "/templates/letters"
    let loaded = try LetterTemplates.load(folder: folder)
    let builtIn = LetterTemplates.defaults()
    #expect(Set(loaded.byName.keys) == Set(builtIn.byName.keys))
    for (name, template) in builtIn.byName {
      #expect(loaded.byName[name] == template, "\(name) differs")
    }
  }

  @Test func fileNamesAreSafe() {
    var letter = CustomerLetter(
      rank: 7, customerID: "../a/b c", action: "call", actionDate: Day(rawValue: 0),
      openBalance: 0, overdueBalance: 0, invoices: [], promise: nil, plan: [])
    #expect(LetterFiles.fileName(letter) == "0007-.._a_b_c.txt")
    letter.rank = 12345
    #expect(LetterFiles.fileName(letter) == "12345-.._a_b_c.txt")
  }
}
