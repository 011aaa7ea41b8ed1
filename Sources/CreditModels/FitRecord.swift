import LinearAlgebra

/// The fields every fitted model stores in a file: estimates, their covariance and how the fit
/// ended.
///
/// Each fit encodes these and then its own fields into the same keyed container, so the three
/// fits read alike in a model file and share one implementation of the common part. The
/// covariance is written as rows; diagnostics as their messages (they read back as
/// `FitWarning.note`, which prints the same).
struct FitRecord: Codable {
  var featureNames: [String]
  var coefficients: [Double]
  var standardErrors: [Double]
  var covariance: [[Double]]
  var logLikelihood: Double
  var iterations: Int
  var converged: Bool
  var convergenceRule: ConvergenceRule
  var diagnostics: [String]
  var observations: Int

  init(
    featureNames: [String], coefficients: [Double], standardErrors: [Double], covariance: Matrix,
    logLikelihood: Double, iterations: Int, converged: Bool, convergenceRule: ConvergenceRule,
    diagnostics: [FitWarning], observations: Int
  ) {
    self.featureNames = featureNames
    self.coefficients = coefficients
    self.standardErrors = standardErrors
    self.covariance = (0..<covariance.rows).map { i in
      (0..<covariance.columns).map { covariance[i, $0] }
    }
    self.logLikelihood = logLikelihood
    self.iterations = iterations
    self.converged = converged
    self.convergenceRule = convergenceRule
    self.diagnostics = diagnostics.map(\.description)
    self.observations = observations
  }

  /// The covariance as a matrix; a ragged table (a damaged file) gives an empty matrix, which
  /// the model file's consistency check reports.
  var covarianceMatrix: Matrix {
    let columns = covariance.first?.count ?? 0
    guard covariance.allSatisfy({ $0.count == columns }) else { return Matrix(rows: 0, columns: 0) }
    return Matrix(covariance)
  }

  /// The diagnostics as warnings (their messages).
  var warnings: [FitWarning] { diagnostics.map { .note($0) } }
}

/// A fitted model with the common fields of `FitRecord`.
protocol RecordedFit {
  var featureNames: [String] { get }
  var coefficients: [Double] { get }
  var standardErrors: [Double] { get }
  var covariance: Matrix { get }
  var logLikelihood: Double { get }
  var iterations: Int { get }
  var converged: Bool { get }
  var convergenceRule: ConvergenceRule { get }
  var diagnostics: [FitWarning] { get }
  var observations: Int { get }
}

extension RecordedFit {
  /// Encodes `record` and then the fit's `own` fields into the same keyed container.
  func encode(_ own: some Encodable, to encoder: any Encoder) throws {
    try record.encode(to: encoder)
    try own.encode(to: encoder)
  }

  /// The common fields, as written to a file.
  var record: FitRecord {
    FitRecord(
      featureNames: featureNames, coefficients: coefficients, standardErrors: standardErrors,
      covariance: covariance, logLikelihood: logLikelihood, iterations: iterations,
      converged: converged, convergenceRule: convergenceRule, diagnostics: diagnostics,
      observations: observations)
  }
}
