import ArgumentParser
import CreditData
import CreditEngine

/// The optional promises and disputes files, shared by score, report and explain.
struct CollectionsOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Promises to pay CSV (customer_id, invoice_id, amount, promised_date, made_on).",
      discussion: "An active promise pauses the ladder; a broken one moves it a rung up."))
  var promises: String?

  @Option(
    help: ArgumentHelp(
      "Disputes CSV (invoice_id, opened, resolved, reason).",
      discussion: "An open dispute pauses the reminders of its invoice only."))
  var disputes: String?

  /// Reads the files given into `portfolio.collections`, with the history's date format
  /// setting, and notes how many rows of each were skipped and why.
  func attach(to portfolio: inout Portfolio, options: LoadOptions) throws {
    var dates = LoadOptions()
    dates.dateFormat = options.dateFormat
    portfolio.collections = CollectionsRecords(
      promises: try promises.map { try PromiseTable.load(path: $0, options: dates) },
      disputes: try disputes.map { try DisputeTable.load(path: $0, options: dates) })
    let book = CollectionsBook(portfolio)
    for skipped in [book.skippedPromises, book.skippedDisputes].compactMap({ $0 }) {
      for line in skipped.messages { note("warning: \(line)") }
    }
  }
}
