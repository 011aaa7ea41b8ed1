import Foundation
import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

/// Times the Gram matrix `XᵀX` of an n x p design: one `dsyrk` call over all rows versus
/// `DesignMatrix.gram()` (row chunks on both cores, single-threaded BLAS per chunk, chunk sums
/// added in order), and the weighted `XᵀWX` that IRLS needs.
///
/// Prints medians in ms.
func runGramBenchmark(rows: Int = 1_000_000, features: Int = 32, repetitions: Int = 7) {
  let p = features
  var state: UInt64 = 7
  let storage = (0..<(rows * p)).map { _ -> Double in
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(state >> 11) * 0x1p-53 - 0.5
  }
  let x = DesignMatrix(observations: rows, features: p, storage: storage)
  let w = (0..<rows).map { Double($0 % 7 + 1) / 7 }
  func median(_ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<repetitions {
      var t0 = timespec()
      var t1 = timespec()
      clock_gettime(CLOCK_MONOTONIC, &t0)
      body()
      clock_gettime(CLOCK_MONOTONIC, &t1)
      times.append(Double(t1.tv_sec - t0.tv_sec) * 1e3 + Double(t1.tv_nsec - t0.tv_nsec) * 1e-6)
    }
    return times.sorted()[times.count / 2]
  }
  var sink = 0.0
  let single = median {
    var c = [Double](repeating: 0, count: p * p)
    storage.withUnsafeBufferPointer { xs in
      c.withUnsafeMutableBufferPointer { cp in
        BLAS.syrkUpper(
          n: p, k: rows, alpha: 1, a: xs.start, lda: p, beta: 0, c: cp.start, ldc: p)
      }
    }
    sink += c[0]
  }
  let tiled = median { sink += x.gram()[0, 0] }
  let weighted = median { sink += x.gram(weights: w)[0, 0] }
  print("gram \(rows) x \(p), BLAS: \(BLAS.backend)")
  print(
    "  one dsyrk call             \(String(format: "%7.1f", single)) ms (median of \(repetitions))")
  print("  parallel chunks (XᵀX)      \(String(format: "%7.1f", tiled)) ms")
  print("  parallel weighted (XᵀWX)   \(String(format: "%7.1f", weighted)) ms")
  if sink.isNaN { print("") }
}
