import Foundation

/// A fresh, empty folder under the system's temporary folder, removed with everything in it
/// when the last reference to it goes: a test that keeps one for its files leaves nothing
/// behind, whether it passes, fails or throws.
public final class ScratchFolder: Sendable {
  /// The folder's path (no trailing slash).
  public let path: String

  /// Creates the folder `<temporary>/creditrisk-<label>-<UUID>`.
  public init(_ label: String) throws { path = try Self.make(label) }

  /// Creates a fresh, empty folder `<temporary>/creditrisk-<label>-<UUID>` and returns its
  /// path, for a caller that removes it itself.
  public static func make(_ label: String) throws -> String {
    let path = NSTemporaryDirectory() + "creditrisk-\(label)-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `text` (UTF-8) to the file `name` in the folder and returns its path.
  public func file(_ name: String, _ text: String) throws -> String {
    let file = path + "/" + name
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    return file
  }
}
