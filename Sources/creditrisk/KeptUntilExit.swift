/// Values a command hands over to the end of the process instead of freeing them.
///
/// A command's last step releases what it built: at a million invoices `score`'s portfolio
/// and result are millions of strings and arrays, released one by one in about 50 ms
/// (measured in profiles of score at 1M), just before the process exits and the system takes
/// the whole memory back at once. A value kept here is never released: its memory goes back
/// with the process. Only for values the command is done with, at its very end.
enum KeptUntilExit {
  /// Keeps a reference to `value` (for an array or a struct of arrays, its buffers) that is
  /// never given up.
  static func keep<T>(_ value: T) {
    _ = Unmanaged.passRetained(Box(value))
  }

  private final class Box<T> {
    let value: T
    init(_ value: T) { self.value = value }
  }
}
