import ArgumentParser
import CreditData
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// The `creditrisk` command: train, score and report on accounts-receivable history.
@main
struct CreditRisk: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "creditrisk",
    abstract: "Credit risk and collections analytics on invoice and payment history.",
    discussion: """
      Turns an ERP's exported invoice history (CSV) into the decisions a credit and \
      collections team acts on: per-invoice delinquency risk and expected payment dates, \
      customer risk grades with reasons, credit limits and holds, a prioritised collections \
      worklist, ageing and a 13-week cash forecast. Outputs are spreadsheet-safe CSV files.
      """,
    version: version,
    subcommands: [
      Train.self, Score.self, Report.self, Backtest.self, Fit.self, Simulate.self, Demo.self,
      Inspect.self, Policy.self, Explain.self, Solve.self, Merge.self,
    ]
  )

  static func main() {
    // The address-space check comes before OpenBLAS is touched: under a limit too small for
    // its buffers, its loader-started worker may be stuck and stopping it would wait forever.
    let shortage = AddressSpace.shortage()
    if shortage == nil {
      // Before any work: the threaded OpenBLAS's idle workers would otherwise spin beside the
      // loader for its first ~0.1 s.
      BLAS.useSingleThreadedKernels()
    }
    // Ctrl-C or a `kill` while outputs are written leaves no temporary file or folder.
    Interruption.removeOutputsInProgressOnSignals()
    do {
      var command = try parseAsRoot(nil)
      if let shortage,
        command is Train || command is Score || command is Report || command is Backtest
          || command is Fit || command is Demo
      {
        throw shortage
      }
      try command.run()
    } catch {
      exit(printing: error)
    }
    if shortage != nil {
      fflush(nil)
      _exit(0)
    }
  }

  /// Prints `error` as ArgumentParser would (help and version to standard output, usage
  /// errors followed by the usage lines), except that the `Error:` line is one line of at
  /// most about 300 characters with control and invisible characters escaped
  /// (`MessageText.oneLine`); then exits with ArgumentParser's status for the error.
  static func exit(printing error: any Error) -> Never {
    let code = exitCode(for: error)
    guard code != .success else { exit(withError: error) }
    let brief = message(for: error)
    let full = fullMessage(for: error)
    var lines: [String] = []
    if !brief.isEmpty { lines.append("Error: " + MessageText.oneLine(brief)) }
    // What follows the message: the help and usage lines of a usage error.
    if !brief.isEmpty, let range = full.range(of: brief) {
      for line in full[range.upperBound...].split(separator: "\n") {
        lines.append(MessageText.oneLine(String(line), limit: 4096))
      }
    }
    let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
    fflush(nil)
    bytes.withUnsafeBytes { raw in _ = Glibc.write(2, raw.baseAddress, raw.count) }
    // `_exit`: nothing is left to flush, and OpenBLAS's exit handler would wait for a worker
    // that may be stuck (see `AddressSpace`).
    _exit(code.rawValue)
  }
}
