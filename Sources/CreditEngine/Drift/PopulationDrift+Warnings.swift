import CreditData

extension PopulationDrift {
  /// A `warning:` sentence per drifted feature: its PSI, the books compared and what moved.
  public var warnings: [String] {
    drifted.map { f in
      "population drift in \(f.feature): PSI \(PopulationDrift.format(f.psi)) (above "
        + "\(PopulationDrift.format(Self.threshold))) between the "
        + "\(MessageText.grouped(trainingRows)) training invoices and the "
        + "\(MessageText.grouped(rows)) open invoices; \(f.moved); the model is scoring a "
        + "book unlike the one it learnt from: check the history, or retrain on it"
    }
  }

  /// A PSI with two decimals, three below 0.01 (so a small one does not read as 0): `0.31`,
  /// `0.004`.
  public static func format(_ psi: Double) -> String {
    guard psi.isFinite, psi >= 0 else { return "\(psi)" }
    let places = psi < 0.01 ? 3 : 2
    let scale = places == 3 ? 1000 : 100
    let units = Int((psi * Double(scale)).rounded())
    let fraction = String(units % scale)
    return "\(units / scale)." + String(repeating: "0", count: places - fraction.count) + fraction
  }
}
