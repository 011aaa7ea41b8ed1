import ArgumentParser
import CreditData
import CreditEngine

extension CreditRisk {
  struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read a history and report what was found: counts, dates, formats, open invoices.")

    @OptionGroup var input: HistoryOptions

    @Option(
      help: ArgumentHelp(
        "Write how the history was read (encoding, separator, header line, decimal mark, "
          + "column map, dates, rates file) to this JSON file, for --profile."))
    var saveProfile: String?

    func run() throws {
      // A profile saved over the --profile it was read with updates it: not refused.
      try DistinctPaths.check(
        outputs: [("--save-profile", saveProfile)],
        inputs: input.inputs.filter { $0.option != "--profile" })
      try OutputPlaces.check(files: [saveProfile])
      let (p, hash) = try input.loadPortfolio()
      let h = p.history
      var first = h.issueDate.first ?? p.asOf
      var last = first
      for d in h.issueDate {
        first = min(first, d)
        last = max(last, d)
      }
      // Open credit notes (amount 0 or below) are in balances and ageing but not scored, as
      // score says: counted apart from the open invoices.
      let openRows = (0..<h.count).filter { p.isOpen($0) }
      let credits = openRows.filter { h.amount[$0] <= 0 }.count
      let open =
        credits == 0
        ? "\(openRows.count)"
        : "\(MessageText.counted(openRows.count - credits, "invoice")) and "
          + "\(MessageText.counted(credits, "credit note")) (in balances and ageing, not scored)"
      let after = (0..<h.count).filter { !p.isIssued($0) }.count
      var lines = [
        "file            \(h.report.fileName)",
        "invoices        \(h.count)",
        "customers       \(h.customerIDs.count)",
        "issue dates     \(first) .. \(last)",
        "as of           \(p.asOf)",
        "open at as-of   \(open)",
        "issued after    \(after) (ignored at this as-of)",
        "disputed        \(h.disputed.filter { $0 }.count)",
        "content hash    \(hash)",
      ]
      lines += h.report.lines.map { "  " + $0 }
      if let saveProfile {
        let profile = InputProfile(
          options: try input.loadOptions, dialect: h.report.dialect,
          dateFormats: h.report.dateFormats, exchangeRatesFile: input.fx)
        for n in try profile.write(path: saveProfile) { note("warning: \(n)") }
        lines.append("profile written to \(saveProfile)")
      }
      print(lines.joined(separator: "\n"))
    }
  }
}
