import Foundation
import LinearAlgebra
import TestSupport
import Testing

@Suite("Cholesky factorisation")
struct CholeskyTests {
  @Test func solvesKnownSystem() throws {
    // [[4,2],[2,3]] x = [2,1]  ->  x = [0.5, 0]
    let chol = try CholeskyFactorization(Matrix([[4, 2], [2, 3]]))
    let x = chol.solve([2, 1])
    #expect(abs(x[0] - 0.5) < 1e-15)
    #expect(abs(x[1]) < 1e-15)
    #expect(abs(chol.logDeterminant - log(8.0)) < 1e-14)
  }

  @Test func inverseOfKnownMatrix() throws {
    // inverse of [[4,2],[2,3]] is [[3,-2],[-2,4]] / 8
    let inv = try CholeskyFactorization(Matrix([[4, 2], [2, 3]])).inverse()
    let expected = Matrix([[0.375, -0.25], [-0.25, 0.5]])
    for k in 0..<4 { #expect(abs(inv.elements[k] - expected.elements[k]) < 1e-15) }
    #expect(inv[0, 1] == inv[1, 0])
  }

  @Test func rejectsIndefiniteMatrixWithMinor() {
    #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 2)) {
      try CholeskyFactorization(Matrix([[1, 2], [2, 1]]))
    }
    #expect(throws: LinearAlgebraError.notPositiveDefinite(leadingMinor: 3)) {
      try CholeskyFactorization(Matrix([[2, 0, 0], [0, 1, 0], [0, 0, -1]]))
    }
  }

  @Test(arguments: [1, 2, 5, 17, 40])
  func randomSPDSystems(n: Int) throws {
    var rng = SeededGenerator(seed: UInt64(n))
    // A = BᵀB + n I is SPD and well conditioned.
    let b = Matrix(rows: n, columns: n, elements: (0..<(n * n)).map { _ in rng.normal() })
    var a = b.transposed.multiplied(by: b)
    for i in 0..<n { a[i, i] += Double(n) }
    let xTrue = (0..<n).map { _ in rng.normal() }
    let rhs = a.multiplied(by: xTrue)
    let chol = try CholeskyFactorization(a)
    let x = chol.solve(rhs)
    for i in 0..<n { #expect(abs(x[i] - xTrue[i]) < 1e-10 * max(1, abs(xTrue[i]))) }
    // A A⁻¹ = I
    let product = a.multiplied(by: chol.inverse())
    for i in 0..<n {
      for j in 0..<n { #expect(abs(product[i, j] - (i == j ? 1 : 0)) < 1e-11) }
    }
  }
}

@Suite("Least squares")
struct LeastSquaresTests {
  @Test func recoversLine() throws {
    let a = Matrix([[1, 0], [1, 1], [1, 2], [1, 3]])
    let coef = try leastSquares(a, [1, 3, 5, 7])
    #expect(abs(coef[0] - 1) < 1e-12 && abs(coef[1] - 2) < 1e-12)
  }

  @Test func rankDeficientIsTyped() {
    let a = Matrix([[1, 0], [1, 0], [1, 0]])
    #expect(throws: LinearAlgebraError.rankDeficient(column: 2)) {
      try leastSquares(a, [1, 2, 3])
    }
  }
}

@Suite("Rank analysis")
struct RankAnalysisTests {
  @Test func namesCollinearAndZeroColumns() {
    var rng = SeededGenerator(seed: 7)
    let n = 200
    let c0 = [Double](repeating: 1, count: n)
    let c1 = (0..<n).map { _ in rng.normal() }
    let c2 = (0..<n).map { _ in rng.normal() }
    let c3 = (0..<n).map { 2 * c1[$0] - c2[$0] }  // depends on c1, c2
    let c4 = [Double](repeating: 0, count: n)
    let x = DesignMatrix(columns: [c0, c1, c2, c3, c4])
    let r = RankAnalysis(gram: x.gram())
    #expect(r.rank == 3)
    #expect(r.zeroColumns == [4])
    #expect(r.dependencies.count == 1)
    #expect(Set(r.dependencies[0]) == [1, 2, 3])
  }

  @Test func constantColumnWithInterceptIsDependent() {
    let n = 50
    let x = DesignMatrix(columns: [
      [Double](repeating: 1, count: n), (0..<n).map(Double.init), [Double](repeating: 3, count: n),
    ])
    let r = RankAnalysis(gram: x.gram())
    #expect(r.rank == 2)
    #expect(Set(r.dependencies.flatMap { $0 }) == [0, 2])
  }

  @Test func fullRankHasNoDependencies() {
    var rng = SeededGenerator(seed: 3)
    let x = DesignMatrix(rows: (0..<100).map { _ in (0..<4).map { _ in rng.normal() } })
    #expect(RankAnalysis(gram: x.gram()).isFullRank)
  }
}
