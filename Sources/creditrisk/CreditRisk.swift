import ArgumentParser
import LinearAlgebra

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
      Inspect.self,
    ]
  )

  static func main() {
    // Before any work: the threaded OpenBLAS's idle workers would otherwise spin beside the
    // loader for its first ~0.1 s.
    BLAS.useSingleThreadedKernels()
    main(nil)
  }
}
