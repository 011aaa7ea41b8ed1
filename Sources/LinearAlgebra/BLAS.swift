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
    var s = Scalars(m: rows, n: columns, lda: lda, alpha: alpha, beta: beta)
    dgemv_(
      transpose ? "T" : "N", &s.m, &s.n, &s.alpha, a, &s.lda, x, &s.unitStride, &s.beta, y,
      &s.unitStride, 1)
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
    var s = Scalars(m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc, alpha: alpha, beta: beta)
    dgemm_(
      "N", transposeB ? "T" : "N", &s.m, &s.n, &s.k, &s.alpha, a, &s.lda, b, &s.ldb, &s.beta, c,
      &s.ldc, 1, 1)
  }

  /// `C = alpha * A Aᵀ + beta * C`, upper triangle only (`dsyrk` with uplo "U", trans "N").
  ///
  /// With `A` the column-major `n` x `k` view of `k` observation rows of length `n`, this adds
  /// the observations' outer products: the Gram matrix `XᵀX` of a row-major tile.
  @inlinable public static func syrkUpper(
    n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int, beta: Double,
    c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    var s = Scalars(n: n, k: k, lda: lda, ldc: ldc, alpha: alpha, beta: beta)
    dsyrk_("U", "N", &s.n, &s.k, &s.alpha, a, &s.lda, &s.beta, c, &s.ldc, 1, 1)
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

extension BLAS {
  /// The scalar arguments of one BLAS call, where the Fortran ABI can take their addresses.
  ///
  /// Dimensions and leading dimensions are 32-bit integers (one above `Int32.max` traps),
  /// beside the two scale factors and the unit stride of a vector. A routine reads only the
  /// ones it takes; the others stay 0.
  @usableFromInline struct Scalars {
    @usableFromInline var m: Int32
    @usableFromInline var n: Int32
    @usableFromInline var k: Int32
    @usableFromInline var lda: Int32
    @usableFromInline var ldb: Int32
    @usableFromInline var ldc: Int32
    @usableFromInline var alpha: Double
    @usableFromInline var beta: Double
    @usableFromInline var unitStride: Int32 = 1

    @inlinable init(
      m: Int = 0, n: Int, k: Int = 0, lda: Int, ldb: Int = 0, ldc: Int = 0, alpha: Double,
      beta: Double
    ) {
      self.m = Int32(m)
      self.n = Int32(n)
      self.k = Int32(k)
      self.lda = Int32(lda)
      self.ldb = Int32(ldb)
      self.ldc = Int32(ldc)
      self.alpha = alpha
      self.beta = beta
    }
  }
}
