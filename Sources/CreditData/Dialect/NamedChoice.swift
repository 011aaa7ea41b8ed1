/// A choice among a few values that people name in flags and reading profiles
/// (`--encoding`, `--date-format`, `--decimal`): its name is its raw value, and
/// `init?(name:)` also takes the other spellings people write.
public protocol NamedChoice: RawRepresentable, CaseIterable, CustomStringConvertible
where RawValue == String {
  /// The other spellings, each as `key(_:)` folds it.
  static var spellings: [String: Self] { get }

  /// A name folded for comparison; by default lowercased.
  static func key(_ name: String) -> String
}

extension NamedChoice {
  /// The name, its raw value.
  public var description: String { rawValue }

  public static func key(_ name: String) -> String { name.lowercased() }

  /// Every name, in case order: `utf-8, utf-16le, …`.
  public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// The choice a name (its raw value or another spelling, folded by `key(_:)`) stands for,
  /// or nil for anything else.
  public init?(name: String) {
    let key = Self.key(name)
    guard
      let choice = Self.allCases.first(where: { Self.key($0.rawValue) == key })
        ?? Self.spellings[key]
    else { return nil }
    self = choice
  }
}
