import LinearAlgebra

/// Why a model could not be fitted.
///
/// Every case names what the user can act on.
public enum FitError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Newton did not meet any convergence rule within `iterations`.
  case didNotConverge(iterations: Int, lastStepNorm: Double)
  /// A feature separates the outcome perfectly (the likelihood has no finite maximum).
  case perfectSeparation(feature: String)
  /// Columns are identically zero or linearly dependent; each inner list is one dependence.
  ///
  /// A one-name group is a column of zeros (in a design without intercept); constant columns
  /// beside an intercept or a Cox baseline are `constantColumns`.
  case collinearColumns([[String]])
  /// Columns that take one value on every row with positive weight (for Cox: on every row at
  /// risk), which the intercept or the Cox baseline hazard already absorbs.
  case constantColumns([String])
  /// The Cox partial likelihood increases without bound along `feature`'s coefficient: every
  /// event has the highest risk score in its risk set in that direction (Cox's analogue of
  /// perfect separation), so the estimate is infinite.
  case monotoneLikelihood(feature: String)
  /// A column whose weighted sum of squares overflows a double (values beyond about 1e154):
  /// no fit can use it as it is, and the rank test would read the overflow as a constant.
  case tooLarge(feature: String)
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
    case .constantColumns(let names):
      let list = names.map { "'\($0)'" }.joined(separator: ", ")
      return "constant columns: \(list) \(names.count == 1 ? "takes" : "take") the same value on"
        + " every row; a constant carries no information beside the intercept or the baseline"
        + " hazard; drop \(names.count == 1 ? "it" : "them")"
    case .monotoneLikelihood(let f):
      return "monotone likelihood: the partial likelihood keeps increasing as the coefficient of"
        + " '\(f)' grows (each event has the highest risk of its risk set), so the estimate is"
        + " infinite; drop the feature, merge its rare levels or add --l2"
    case .tooLarge(let f):
      return "'\(f)' is too large to fit: the sum of its squares overflows a double (beyond about"
        + " 1.8e308); rescale the column (divide it by a power of ten)"
    case .singularInformationMatrix(let detail):
      return "singular information matrix: \(detail)"
    case .invalidInput(let why):
      return why
    }
  }
}

extension FitError {
  /// The Cholesky factor of a fit's information matrix at its estimate, whose inverse is the
  /// fit's covariance.
  /// - Throws: `singularInformationMatrix` with `detail` of the factorisation's error when the
  ///   matrix is not positive definite.
  static func factoring(
    information: Matrix, detail: (any Error) -> String
  ) throws(FitError) -> CholeskyFactorization {
    do {
      return try CholeskyFactorization(information)
    } catch {
      throw .singularInformationMatrix(detail: detail(error))
    }
  }
}
