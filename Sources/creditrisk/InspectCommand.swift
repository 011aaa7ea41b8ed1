import ArgumentParser
import CreditEngine

extension CreditRisk {
  struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read a history and report what was found: counts, dates, formats, open invoices.")

    @OptionGroup var input: HistoryOptions

    func run() throws {
      let (p, hash) = try input.loadPortfolio()
      let h = p.history
      var first = h.issueDate.first ?? p.asOf
      var last = first
      for d in h.issueDate {
        first = min(first, d)
        last = max(last, d)
      }
      let open = (0..<h.count).filter { p.isOpen($0) }.count
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
      print(lines.joined(separator: "\n"))
    }
  }
}
