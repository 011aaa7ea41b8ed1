import LinearAlgebra
import Testing

@testable import CreditModels

@Suite("The information matrix at a fit's estimate")
struct InformationAtEstimateTests {
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

  /// A matrix that is not positive definite fails the fit with the fit's own detail, given
  /// the factorisation's error; a positive definite one is factored.
  @Test func factoringFailsWithTheFitsDetailWhenNotPositiveDefinite() throws {
    #expect(throws: FitError.singularInformationMatrix(detail: "at the estimate: no (LAPACK)")) {
      _ = try FitError.factoring(information: Matrix([[1, 2], [2, 1]])) { error in
        "at the estimate: no (\(error is LinearAlgebraError ? "LAPACK" : "other"))"
      }
    }
    let factor = try FitError.factoring(information: Matrix([[4, 1], [1, 3]])) { _ in "" }
    #expect(abs(factor.inverse()[0, 0] - 3.0 / 11) < 1e-12)
  }
}
