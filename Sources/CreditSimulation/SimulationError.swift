/// A simulation configuration that cannot produce a portfolio.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A setting is out of range; `setting` names it, `reason` says what it must be.
  case invalidSetting(setting: String, reason: String)

  public var description: String {
    switch self {
    case .invalidSetting(let setting, let reason): return "invalid \(setting): \(reason)"
    }
  }
}
