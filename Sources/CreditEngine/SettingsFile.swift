/// A settings file read over defaults (`--policy`, `--ladder`): every key optional, its
/// default kept when left out; a key the file may not hold an error that names it; the
/// values checked once read.
public protocol SettingsFile: Decodable {
  /// The keys the file may hold.
  static var fileKeys: [String] { get }

  /// The command that prints the file with every key, named in an unknown key's error.
  static var defaultsCommand: String { get }

  /// The defaults.
  init()

  /// Reads the keys `decoder`'s object gives over the current values, with the checks that
  /// need more than one key.
  mutating func read(_ decoder: any Decoder) throws

  /// Checks every value against its allowed range.
  func validate() throws
}

extension SettingsFile {
  /// The defaults overridden by the keys the file gives, after rejecting any unknown key, and
  /// checked.
  public init(from decoder: any Decoder) throws {
    try PolicyError.rejectUnknownKeys(
      in: decoder, known: Self.fileKeys, listedBy: Self.defaultsCommand)
    self.init()
    try read(decoder)
    try validate()
  }
}
