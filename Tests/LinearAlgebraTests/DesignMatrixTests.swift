import LinearAlgebra
import TestSupport
import Testing

@Suite("Design matrix products")
struct DesignMatrixTests {
  static func randomDesign(n: Int, p: Int, seed: UInt64) -> DesignMatrix {
    var rng = SeededGenerator(seed: seed)
    return DesignMatrix(
      observations: n, features: p, storage: (0..<(n * p)).map { _ in rng.normal() })
  }

  // Sizes straddle the chunking threshold so both the serial and the parallel paths run.
  @Test(arguments: [(3, 2), (1_000, 5), (70_000, 7)])
  func weightedGramMatchesNaive(n: Int, p: Int) {
    let x = Self.randomDesign(n: n, p: p, seed: UInt64(n))
    let w = (0..<n).map { Double($0 % 5) * 0.3 + 0.1 }
    let g = x.gram(weights: w)
    let plain = x.gram()
    for a in 0..<p {
      for b in 0..<p {
        var s = 0.0
        var t = 0.0
        for i in 0..<n {
          s += w[i] * x[i, a] * x[i, b]
          t += x[i, a] * x[i, b]
        }
        #expect(isClose(g[a, b], s, rtol: 1e-11, atol: 1e-9))
        #expect(isClose(plain[a, b], t, rtol: 1e-11, atol: 1e-9))
        #expect(g[a, b] == g[b, a])
      }
    }
  }

  @Test(arguments: [(4, 3), (50_000, 6)])
  func productsMatchNaive(n: Int, p: Int) {
    let x = Self.randomDesign(n: n, p: p, seed: 11)
    let beta = (0..<p).map { Double($0) - 1.5 }
    let v = (0..<n).map { Double($0 % 7) - 3 }
    let xb = x.multiplied(by: beta)
    let xtv = x.transposeMultiplied(by: v)
    for i in 0..<n {
      let s = (0..<p).reduce(0.0) { $0 + x[i, $1] * beta[$1] }
      #expect(isClose(xb[i], s, rtol: 1e-12, atol: 1e-12))
    }
    for j in 0..<p {
      let s = (0..<n).reduce(0.0) { $0 + x[$1, j] * v[$1] }
      #expect(isClose(xtv[j], s, rtol: 1e-10, atol: 1e-9))
    }
  }

  @Test func parallelResultsAreBitReproducible() {
    let x = Self.randomDesign(n: 100_000, p: 8, seed: 5)
    let w = (0..<x.observations).map { 1 + Double($0 % 3) }
    #expect(x.gram(weights: w) == x.gram(weights: w))
    let v = (0..<x.observations).map { Double($0 % 11) }
    #expect(x.transposeMultiplied(by: v) == x.transposeMultiplied(by: v))
  }

  @Test func chunksCoverRangeInOrder() {
    for n in [0, 1, 16_383, 16_384, 100_000, 1_000_003] {
      let parts = Parallel.chunks(n)
      #expect(parts.first?.lowerBound == 0)
      #expect(parts.last?.upperBound == n)
      for (a, b) in zip(parts, parts.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
    }
  }

  @Test func backendIsReported() {
    let name = BLAS.backend
    #expect(name.hasPrefix("OpenBLAS") || name == "reference BLAS")
  }
}
