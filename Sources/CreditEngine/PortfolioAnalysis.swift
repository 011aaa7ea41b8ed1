import CreditData
import CreditModels

/// Everything the portfolio report shows, computed from a portfolio and a trained model: KPIs, the
/// scored book (ageing, grades, worklist, cash forecast), coefficient tables and model diagnostics.
///
/// Pure computation; `CreditReport` renders it.
public struct PortfolioAnalysis: Sendable {
  public var asOf: Day
  public var kpis: PortfolioKPIs
  public var score: ScoreResult
  public var model: TrainedModel
  public var coefficientTables: [CoefficientTable]
  /// ROC, calibration and payment curves: in-sample, or from a backtest when one is given.
  public var diagnostics: ModelDiagnostics
  /// The grade names of the policy, best first.
  public var gradeNames: [String]
  /// The policy's PD bounds between the grades: grade `k` holds the PDs below bound `k`
  /// (`CreditPolicy.gradeBounds`).
  public var gradeBounds: [Double]
  /// What the user needs to know about this run: the model's training warnings, then
  /// `RunWarnings.scoring`'s.
  public var warnings: [String]
  /// The changes since an earlier score run, when one is given (`report --previous`).
  public var changes: RunChanges?

  /// Scores the portfolio and gathers the report's data.
  /// - Parameters:
  ///   - diagnostics: Out-of-sample diagnostics (a backtest's); nil computes in-sample ones.
  ///   - maxModelAgeDays: a model trained longer than this before the as-of date is warned of.
  /// - Throws: `FitError` from Kaplan-Meier.
  public init(
    portfolio: Portfolio, model: TrainedModel, policy: CreditPolicy = CreditPolicy(),
    ladder: CollectionsLadder = CollectionsLadder(), diagnostics: ModelDiagnostics? = nil,
    maxModelAgeDays: Int = RunWarnings.defaultMaxModelAgeDays
  ) throws {
    let scorer = Scorer(model: model, policy: policy, ladder: ladder)
    let missing = RunWarnings.missingInputs(portfolio, model: model)
    self.asOf = portfolio.asOf
    self.kpis = PortfolioKPIs(portfolio)
    self.score = scorer.score(portfolio)
    self.model = model
    self.coefficientTables = model.coefficientTables()
    self.diagnostics = try diagnostics ?? scorer.inSampleDiagnostics(portfolio)
    self.gradeNames = policy.gradeNames
    self.gradeBounds = policy.gradeBounds
    self.warnings =
      model.warnings + missing
      + RunWarnings.scoring(
        score, portfolio: portfolio, model: model, maxModelAgeDays: maxModelAgeDays)
  }
}
