import CreditData

/// JSON form of the configuration, with the snapshot as an ISO date.
extension SimulationConfiguration: Codable {
  private enum CodingKeys: String, CodingKey {
    case customerCount, invoiceCount, seed, asOf, historyDays
    case regions, industries, currencies, terms, model
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let text = try c.decode(String.self, forKey: .asOf)
    guard let asOf = Day(iso: text) else {
      throw DecodingError.dataCorruptedError(
        forKey: .asOf, in: c, debugDescription: "not an ISO date: \(text)")
    }
    self.init(
      customerCount: try c.decode(Int.self, forKey: .customerCount),
      invoiceCount: try c.decode(Int.self, forKey: .invoiceCount),
      seed: try c.decode(UInt64.self, forKey: .seed),
      asOf: asOf,
      historyDays: try c.decode(Int.self, forKey: .historyDays),
      regions: try c.decode([SimulationCategory].self, forKey: .regions),
      industries: try c.decode([SimulationCategory].self, forKey: .industries),
      currencies: try c.decode([SimulationCategory].self, forKey: .currencies),
      terms: try c.decode([PaymentTermsOption].self, forKey: .terms),
      model: try c.decode(PaymentModel.self, forKey: .model))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(customerCount, forKey: .customerCount)
    try c.encode(invoiceCount, forKey: .invoiceCount)
    try c.encode(seed, forKey: .seed)
    try c.encode(asOf.isoString, forKey: .asOf)
    try c.encode(historyDays, forKey: .historyDays)
    try c.encode(regions, forKey: .regions)
    try c.encode(industries, forKey: .industries)
    try c.encode(currencies, forKey: .currencies)
    try c.encode(terms, forKey: .terms)
    try c.encode(model, forKey: .model)
  }
}
