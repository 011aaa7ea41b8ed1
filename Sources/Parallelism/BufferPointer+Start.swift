extension UnsafeBufferPointer {
  /// The address of the first element, for passing a non-empty buffer to BLAS and LAPACK.
  ///
  /// A buffer's `baseAddress` is optional because an empty buffer may have none; the routines
  /// here are only called on non-empty data, so a missing address is a programmer error.
  @inlinable package var start: UnsafePointer<Element> {
    guard let base = baseAddress else { preconditionFailure("empty buffer has no address") }
    return base
  }
}

extension UnsafeMutableBufferPointer {
  /// The address of the first element, for passing a non-empty buffer to BLAS and LAPACK.
  ///
  /// See `UnsafeBufferPointer.start`.
  @inlinable package var start: UnsafeMutablePointer<Element> {
    guard let base = baseAddress else { preconditionFailure("empty buffer has no address") }
    return base
  }
}
