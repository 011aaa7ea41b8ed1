import CreditEngine

#if canImport(Glibc)
  import Glibc
#endif

/// Stage names on standard error while a long command runs ("reading…", "fitting Cox…").
///
/// Only when standard error is a terminal: each stage overwrites the previous one on the same
/// line (`\r`), and `finish()` clears the line, so nothing is left in the scroll-back and
/// nothing at all reaches a file or pipe. Only the command line prints; the libraries report
/// stages through callbacks (`Trainer.train(_:stage:)`).
struct Progress {
  /// Whether anything is printed (standard error is a terminal).
  let enabled = isatty(2) != 0

  /// Shows `name` followed by an ellipsis, replacing the previous stage.
  func stage(_ name: String) {
    guard enabled else { return }
    emit("\r\u{1B}[K" + name + "…")
  }

  /// Clears the progress line.
  func finish() {
    guard enabled else { return }
    emit("\r\u{1B}[K")
  }

  private func emit(_ text: String) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { raw in _ = write(2, raw.baseAddress, raw.count) }
  }
}

extension TrainingStage {
  /// What the stage does, for the progress line.
  var progressName: String {
    switch self {
    case .features: return "building point-in-time features"
    case .models: return "fitting the delinquency, Cox and Weibull AFT models"
    case .metrics: return "computing metrics"
    }
  }
}
