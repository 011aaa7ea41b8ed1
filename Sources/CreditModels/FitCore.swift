import LinearAlgebra

/// What every fitted model has: estimates, covariance and how the Newton iteration ended.
///
/// `LogisticFit`, `CoxFit` and `WeibullFit` store one (`FittedModel.core`) and show its fields
/// as their own.
///
/// In a model file the fields stand beside the fit's own ones in one object; the covariance
/// is written as rows and the diagnostics as their messages (they read back as
/// `FitWarning(message:)`: the step halvings as such, the others as notes, which print the
/// same).
public struct FitCore: Sendable {
  /// Names of the coefficients, in the design's column order.
  public let featureNames: [String]
  /// The estimates β, one per design column.
  public let coefficients: [Double]
  /// Square roots of the diagonal of `covariance`.
  public let standardErrors: [Double]
  /// Inverse of the (penalised) information at the estimate.
  public let covariance: Matrix
  /// The log-likelihood at the estimate, without any ridge penalty (for Cox the log partial
  /// likelihood).
  public let logLikelihood: Double
  /// Design rows fitted, those of weight 0 counted.
  public let observations: Int
  /// How many Newton steps the fit took.
  public let iterations: Int
  /// False when the fit ran out of iterations (`convergenceRule == .maxIterations`).
  public let converged: Bool
  /// Which rule ended the iteration.
  public let convergenceRule: ConvergenceRule
  /// Non-fatal findings (quasi-separation, step halving, ill-conditioning, no convergence).
  public let diagnostics: [FitWarning]
}

extension FitCore {
  /// The core of a Newton fit that ended on `convergenceRule` at the estimate `coefficients`,
  /// with standard errors the square roots of `covariance`'s diagonal; it converged unless
  /// the rule is `.maxIterations`.
  init(
    featureNames: [String], coefficients: [Double], covariance: Matrix, logLikelihood: Double,
    observations: Int, iterations: Int, convergenceRule: ConvergenceRule,
    diagnostics: [FitWarning]
  ) {
    precondition(featureNames.count == coefficients.count, "one name per coefficient")
    self.init(
      featureNames: featureNames, coefficients: coefficients,
      standardErrors: covariance.diagonal.map { $0.squareRoot() }, covariance: covariance,
      logLikelihood: logLikelihood, observations: observations, iterations: iterations,
      converged: convergenceRule != .maxIterations, convergenceRule: convergenceRule,
      diagnostics: diagnostics)
  }
}

extension FitCore: Codable {
  private enum CodingKeys: String, CodingKey {
    case featureNames, coefficients, standardErrors, covariance, logLikelihood, iterations
    case converged, convergenceRule, diagnostics, observations
  }

  /// Decodes the fields; a ragged covariance (a damaged file) reads as an empty matrix, which
  /// the model file's consistency check reports.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    featureNames = try c.decode([String].self, forKey: .featureNames)
    coefficients = try c.decode([Double].self, forKey: .coefficients)
    standardErrors = try c.decode([Double].self, forKey: .standardErrors)
    let rows = try c.decode([[Double]].self, forKey: .covariance)
    let columns = rows.first?.count ?? 0
    covariance =
      rows.allSatisfy { $0.count == columns } ? Matrix(rows) : Matrix(rows: 0, columns: 0)
    logLikelihood = try c.decode(Double.self, forKey: .logLikelihood)
    iterations = try c.decode(Int.self, forKey: .iterations)
    converged = try c.decode(Bool.self, forKey: .converged)
    convergenceRule = try c.decode(ConvergenceRule.self, forKey: .convergenceRule)
    diagnostics = try c.decode([String].self, forKey: .diagnostics).map(FitWarning.init)
    observations = try c.decode(Int.self, forKey: .observations)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(featureNames, forKey: .featureNames)
    try c.encode(coefficients, forKey: .coefficients)
    try c.encode(standardErrors, forKey: .standardErrors)
    try c.encode(
      (0..<covariance.rows).map { i in (0..<covariance.columns).map { covariance[i, $0] } },
      forKey: .covariance)
    try c.encode(logLikelihood, forKey: .logLikelihood)
    try c.encode(iterations, forKey: .iterations)
    try c.encode(converged, forKey: .converged)
    try c.encode(convergenceRule, forKey: .convergenceRule)
    try c.encode(diagnostics.map(\.description), forKey: .diagnostics)
    try c.encode(observations, forKey: .observations)
  }
}

/// A fitted model: its `FitCore`, whose fields it shows as its own, and its own fields.
public protocol FittedModel: Sendable {
  var core: FitCore { get }
}

extension FittedModel {
  /// Names of the coefficients, in the design's column order.
  @inlinable public var featureNames: [String] { core.featureNames }
  /// The estimates β, one per design column.
  @inlinable public var coefficients: [Double] { core.coefficients }
  /// Square roots of the diagonal of `covariance` (for Weibull, of β then log ρ).
  @inlinable public var standardErrors: [Double] { core.standardErrors }
  /// Inverse of the (penalised) information at the estimate.
  @inlinable public var covariance: Matrix { core.covariance }
  /// The log-likelihood at the estimate (see `FitCore.logLikelihood`).
  @inlinable public var logLikelihood: Double { core.logLikelihood }
  /// Newton iterations taken.
  @inlinable public var iterations: Int { core.iterations }
  /// Whether a stop rule other than `maxIterations` ended the iteration.
  @inlinable public var converged: Bool { core.converged }
  /// The stop rule that fired.
  @inlinable public var convergenceRule: ConvergenceRule { core.convergenceRule }
  /// Non-fatal findings.
  @inlinable public var diagnostics: [FitWarning] { core.diagnostics }
  /// Rows in the design (rows of weight 0 included).
  @inlinable public var observations: Int { core.observations }

  /// Encodes `core` and then the fit's `own` fields into the same keyed container.
  func encode(_ own: some Encodable, to encoder: any Encoder) throws {
    try core.encode(to: encoder)
    try own.encode(to: encoder)
  }
}
