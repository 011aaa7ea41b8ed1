import LinearAlgebra
import Testing

@testable import CreditModels

@Suite("Fit warnings")
struct FitWarningTests {
  /// Every fit notes a nearly singular information matrix the same way: a reciprocal
  /// condition estimate below 1e-12 is `illConditioned` with that estimate, one at or above
  /// it is not noted.
  @Test func conditioningNotesANearlySingularInformationMatrixOnly() throws {
    let nearlySingular = try CholeskyFactorization(Matrix([[1, 0], [0, 1e-14]]))
    let rcond = nearlySingular.reciprocalConditionEstimate
    #expect(rcond < 1e-12)
    #expect(
      FitWarning.conditioning(of: nearlySingular) == [.illConditioned(reciprocalCondition: rcond)])
    let wellConditioned = try CholeskyFactorization(Matrix([[4, 1], [1, 3]]))
    #expect(wellConditioned.reciprocalConditionEstimate >= 1e-12)
    #expect(FitWarning.conditioning(of: wellConditioned).isEmpty)
  }
}
