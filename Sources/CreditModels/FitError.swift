/// Why a model could not be fitted.
///
/// Every case names what the user can act on.
public enum FitError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Newton did not meet any convergence rule within `iterations`.
  case didNotConverge(iterations: Int, lastStepNorm: Double)
  /// A feature separates the outcome perfectly (the likelihood has no finite maximum).
  case perfectSeparation(feature: String)
  /// Columns are identically zero or linearly dependent; each inner list is one dependence.
  case collinearColumns([[String]])
  /// The information matrix is not positive definite at the current estimate.
  case singularInformationMatrix(detail: String)
  /// The input cannot be fitted as given (no rows, no events, a non-finite value, ...).
  case invalidInput(String)

  public var description: String {
    switch self {
    case .didNotConverge(let k, let step):
      return "did not converge after \(k) iterations (last step norm \(step))"
    case .perfectSeparation(let f):
      return "perfect separation: feature '\(f)' predicts the outcome exactly; drop it or add --l2"
    case .collinearColumns(let groups):
      let text = groups.map { g in
        g.count == 1 ? "'\(g[0])' is all zeros" : g.map { "'\($0)'" }.joined(separator: ", ")
      }
      return "collinear columns: " + text.joined(separator: "; ")
        + " (each group is linearly dependent; drop one column of each)"
    case .singularInformationMatrix(let detail):
      return "singular information matrix: \(detail)"
    case .invalidInput(let why):
      return why
    }
  }
}
