extension Parallel {
  /// Replaces each element of `values` with `transform` of it, by chunks on all cores.
  ///
  /// For a per-row result made from a per-row array that is not needed afterwards (a
  /// probability from its linear predictor): the result takes the input's storage instead of
  /// a second array as long as the rows. Each element is computed as `array` would compute
  /// it, so the values are the same.
  @inlinable package static func update<T>(_ values: inout [T], _ transform: (T) -> T) {
    values.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      let pointer = SendablePointer(base)
      forEachChunk(buffer.count) { chunk in
        for i in chunk { pointer.pointer[i] = transform(pointer.pointer[i]) }
      }
    }
  }
}
