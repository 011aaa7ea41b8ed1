/// A simulation configuration that cannot produce a portfolio.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A setting is out of range; `setting` names it, `reason` says what it must be.
  case invalidSetting(setting: String, reason: String)

  /// The error for `setting`, with `reason` saying what it must be (`invalidSetting`).
  static func invalid(_ setting: String, _ reason: String) -> SimulationError {
    .invalidSetting(setting: setting, reason: reason)
  }

  public var description: String {
    switch self {
    case .invalidSetting(let setting, let reason): return "invalid \(setting): \(reason)"
    }
  }
}
