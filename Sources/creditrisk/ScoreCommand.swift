import ArgumentParser
import CreditData
import CreditEngine
import CreditReport
import CreditWorkbook
import Foundation

extension CreditRisk {
  struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score the invoices open at the as-of date and write the eight CSV files.")

    @OptionGroup var input: HistoryOptions

    @Option(help: "Model JSON written by 'creditrisk train'.")
    var model: String

    @Option(help: "Output folder (created if missing).")
    var out: String

    @OptionGroup var settings: PolicyOptions

    @OptionGroup var age: ModelAgeOption

    @Option(
      help: ArgumentHelp(
        "Folder of an earlier score run: also write changes.csv (grade, limit, hold and amount at risk changes since then).",
        valueName: "dir"))
    var previous: String?

    @OptionGroup var collections: CollectionsOptions

    @OptionGroup var letters: LetterOptions

    @Option(
      help: ArgumentHelp(
        "Also write the tables as the sheets of one Excel workbook (ids as text, dates as dates, money as numbers).",
        valueName: "file.xlsx"))
    var xlsx: String?

    @Option(
      help: ArgumentHelp(
        "Score only the customers of shard i of n (1-based, customers by a hash of their id) and write that shard's rows with shard.json, for 'creditrisk merge'.",
        valueName: "i/n"))
    var shard: String?

    func validate() throws {
      guard let shard else { return }
      guard CustomerShard(argument: shard) != nil else {
        throw ValidationError(
          "--shard expects i/n with 1 <= i <= n, 1-based (e.g. 2/8), got '\(shard)'"
        )
      }
      if previous != nil || xlsx != nil || letters.letters != nil
        || collections.acceptedPlans != nil
      {
        throw ValidationError(
          "--shard writes one shard's rows: --previous, --xlsx, --letters and --accepted-plans need the whole run"
        )
      }
    }

    func run() throws {
      try letters.checkApart(from: out)
      // The folders are not compared with the files read: a file is never replaced by one.
      try DistinctPaths.check(
        outputs: [("--out", out), ("--xlsx", xlsx), ("--letters", letters.letters)], inputs: [])
      try DistinctPaths.check(
        outputs: [("--xlsx", xlsx)],
        inputs: input.inputs + [("--model", model)] + settings.inputs + collections.inputs)
      try checkWorkbookApart()
      try OutputPlaces.check(files: [xlsx])
      if let spec = shard.flatMap(CustomerShard.init(argument:)) { return try runShard(spec) }
      let progress = Progress()
      progress.stage("reading \(model)")
      let trained = try ModelFile.read(path: model)
      let earlier = try previous.map { try PreviousRunFiles.read(folder: $0) }
      progress.stage("reading \(input.history)")
      var portfolio = try input.loadUnhashedPortfolio()
      try collections.attach(to: &portfolio, options: input.loadOptions)
      if let earlier, let folder = previous {
        try PreviousRunFiles.check(earlier, folder: folder, against: portfolio)
      }
      portfolio.history.releaseSourceLines()
      progress.finish()
      reportLoad(portfolio)
      progress.stage("scoring open invoices and customers")
      // The portfolio is handed over: scoring gives up the history's columns as their last
      // readers finish.
      let result = try score(consume portfolio, model: trained)
      progress.stage("writing \(out)")
      let changes = earlier.map { RunChanges(previous: $0, current: result) }
      try publish(result, changes: changes)
      progress.finish()
      print(ScoreSummary.render(result, folder: out))
      if let changes { print(ScoreSummary.changesLine(changes)) }
      KeptUntilExit.keep(result)
    }

    /// Refuses a workbook given the path of a file the run writes in `--out` (or that a shard
    /// or `--previous` run left there): put in place after the score files, it would replace
    /// one of them.
    func checkWorkbookApart() throws {
      guard let xlsx else { return }
      let names = ScoreFiles.names + [ChangesFile.name, ShardFolder.partName]
      if let name = names.first(where: { PathIdentity.same(xlsx, out + "/" + $0) }) {
        throw CommandError(
          "--xlsx \(xlsx) is \(name) of --out \(out); the workbook would replace that file: give the workbook a path of its own"
        )
      }
    }

    /// Writes the score files, the letters and the workbook, all or none of them.
    ///
    /// The workbook and the letters' folder are made and written beside their places first,
    /// so a path that cannot be written (a missing folder, a folder where the workbook goes)
    /// fails the run before anything is replaced; then the score files are published and the
    /// letters and the workbook put in place.
    func publish(_ result: ScoreResult, changes: RunChanges?) throws {
      let workbook = try xlsx.map { path in
        let bytes: [UInt8]
        do {
          bytes = try ScoreWorkbook.bytes(
            ScoreFiles.render(result)
              + (changes.map { [(ChangesFile.name, ChangesFile.render($0))] } ?? []))
        } catch let tooLarge as WorkbookWriter.TooLarge {
          throw CommandError(
            "--xlsx \(path): \(tooLarge); nothing was written: score without --xlsx (the CSV files hold every row)"
          )
        }
        return try AtomicFile.stage(bytes, to: path)
      }
      var workbookPlaced = false
      defer { if !workbookPlaced { workbook?.discard() } }
      let letterFiles = try letters.render(result)
      let letterSet = try letters.stage(letterFiles)
      var lettersPlaced = false
      defer { if !lettersPlaced { letterSet?.discard() } }
      for n in try ScoreFiles.write(result, to: out, changes: changes) { note("warning: \(n)") }
      lettersPlaced = true
      for n in try letterSet?.publish() ?? [] { note("warning: \(n)") }
      workbookPlaced = true
      for n in try workbook?.publish() ?? [] { note("warning: \(n)") }
      KeptUntilExit.keep(letterFiles)
    }

    func score(_ portfolio: consuming Portfolio, model: TrainedModel) throws -> ScoreResult {
      var scorer = Scorer(
        model: model,
        policy: try settings.loadPolicy(), ladder: try settings.loadLadder())
      scorer.makesLetters = letters.letters != nil
      scorer.memoryFreed = { LargeAllocations.giveBackFreedPages() }
      let lastIssue = RunWarnings.lastIssue(portfolio)
      printWarnings(RunWarnings.missingInputs(portfolio, model: model))
      let result = scorer.score(consume portfolio)
      reportScore(result)
      printWarnings(
        RunWarnings.scoring(
          result, lastIssue: lastIssue, model: model, maxModelAgeDays: age.maxModelAge))
      return result
    }
  }
}

/// Prints what scoring set aside or mapped: rows with unseen categories, open credit notes.
func reportScore(_ result: ScoreResult) {
  if result.unseenCategoryRows + result.unseenCategoryCustomers > 0 {
    let shown = MessageText.list(result.unseenCategoryLevels, limit: 5, itemLimit: 100)
    note(
      "warning: the model never saw the region or industry of "
        + "\(MessageText.grouped(result.unseenCategoryRows)) open invoices and "
        + "\(MessageText.grouped(result.unseenCategoryCustomers)) customers (\(shown)): they "
        + "are scored as the model's most common level")
  }
  for line in result.collections.acceptedPlans?.skipped.messages ?? [] {
    note("warning: \(line)")
  }
  if result.openCreditNotes > 0 {
    note("\(result.openCreditNotes) open credit notes counted in balances and ageing, not scored")
  }
}
