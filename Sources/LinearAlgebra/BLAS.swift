import CLAPACK

#if canImport(Glibc)
  import Glibc
#endif

/// Thin, typed wrappers over the Fortran BLAS routines (column-major, 32-bit integers).
///
/// Pointers in, pointers out: callers keep data in their own buffers (tiles of a
/// `DesignMatrix`, scratch arrays), so no call copies. Dimensions above `Int32.max` trap.
public enum BLAS {
  /// `y = alpha * op(A) x + beta * y` (`dgemv`); `op(A)` is `Aᵀ` when `transpose`.
  @inlinable public static func gemv(
    transpose: Bool, rows: Int, columns: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
  ) {
    var m = Int32(rows)
    var n = Int32(columns)
    var ld = Int32(lda)
    var al = alpha
    var be = beta
    var inc: Int32 = 1
    dgemv_(transpose ? "T" : "N", &m, &n, &al, a, &ld, x, &inc, &be, y, &inc, 1)
  }

  /// `C = A B` for column-major `A` (m x k), `B` (k x n) (`dgemm`, beta = 0).
  @inlinable public static func gemm(
    m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    dgemm(
      transposeB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb, beta: 0,
      c: c, ldc: ldc)
  }

  /// `C = alpha A Bᵀ + beta C` for column-major `A` (m x k) and `B` (n x k) (`dgemm` "N", "T").
  ///
  /// With `A` and `B` the column-major views of the same `k` observation rows of two designs,
  /// this adds the rows' outer products `Σᵢ aᵢ bᵢᵀ` (the cross-products of two designs).
  @inlinable public static func gemmTransposedB(
    m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    dgemm(
      transposeB: true, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
      beta: beta, c: c, ldc: ldc)
  }

  /// `C = alpha A op(B) + beta C` (`dgemm` "N", "N" or "T"), the dimensions converted to the
  /// Fortran ABI's 32-bit integers.
  @inlinable static func dgemm(
    transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    var m32 = Int32(m)
    var n32 = Int32(n)
    var k32 = Int32(k)
    var la = Int32(lda)
    var lb = Int32(ldb)
    var lc = Int32(ldc)
    var al = alpha
    var be = beta
    dgemm_("N", transposeB ? "T" : "N", &m32, &n32, &k32, &al, a, &la, b, &lb, &be, c, &lc, 1, 1)
  }

  /// `C = alpha * A Aᵀ + beta * C`, upper triangle only (`dsyrk` with uplo "U", trans "N").
  ///
  /// With `A` the column-major `n` x `k` view of `k` observation rows of length `n`, this adds
  /// the observations' outer products: the Gram matrix `XᵀX` of a row-major tile.
  @inlinable public static func syrkUpper(
    n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int, beta: Double,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    var n32 = Int32(n)
    var k32 = Int32(k)
    var la = Int32(lda)
    var lc = Int32(ldc)
    var al = alpha
    var be = beta
    dsyrk_("U", "N", &n32, &k32, &al, a, &la, &be, c, &lc, 1, 1)
  }

  /// The BLAS loaded at run time: OpenBLAS exports `openblas_get_config`, reference BLAS does not.
  public static var backend: String {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "openblas_get_config") else {
      return "reference BLAS"
    }
    typealias GetConfig = @convention(c) () -> UnsafePointer<CChar>
    return String(cString: unsafeBitCast(symbol, to: GetConfig.self)())
  }

  /// Pins OpenBLAS to one thread and stops its idle worker threads (a no-op on reference BLAS).
  ///
  /// We parallelise over row tiles ourselves, one BLAS call per tile and thread; letting
  /// OpenBLAS start its own threads inside those calls would oversubscribe the cores.
  /// The threaded OpenBLAS also starts one worker per extra core when it is loaded, and each
  /// spins on `sched_yield` for about 2²⁸ cycles (~0.1 s) before it sleeps: measured at 1M
  /// invoices, that spinning took about 100 ms of CPU from the loader's threads. Shutting the
  /// workers down (OpenBLAS's own `blas_thread_shutdown_`, also used around `fork`) ends it;
  /// with one thread OpenBLAS never needs them again. Executables call this first thing.
  /// The functions are looked up dynamically because reference BLAS lacks them.
  public static func useSingleThreadedKernels() {
    _ = singleThreaded
  }

  private static let singleThreaded: Bool = {
    let library = dlopen(nil, RTLD_NOW)
    guard let setThreads = dlsym(library, "openblas_set_num_threads") else {
      return false
    }
    typealias SetThreads = @convention(c) (Int32) -> Void
    unsafeBitCast(setThreads, to: SetThreads.self)(1)
    if let shutdown = dlsym(library, "blas_thread_shutdown_") {
      typealias Shutdown = @convention(c) () -> Int32
      _ = unsafeBitCast(shutdown, to: Shutdown.self)()
    }
    return true
  }()
}
