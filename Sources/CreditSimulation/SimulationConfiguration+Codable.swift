import CreditData

/// JSON form of the configuration, with the snapshot as an ISO date.
///
/// The settings added after the first layout (write-off flags, never-pay rate, distress,
/// discounts, collections parameters, a dominant customer) are written only when they differ from their defaults,
/// so truth.json of a configuration that does not use them keeps its bytes; missing ones
/// decode to the defaults.
extension SimulationConfiguration: Codable {
  private enum CodingKeys: String, CodingKey {
    case customerCount, invoiceCount, seed, asOf, historyDays
    case regions, industries, currencies, terms, model
    case flagsWriteOffs, neverPayRate, distressedShare, discountOfferShare, collections
    case dominantCustomerShare
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
    flagsWriteOffs = try c.decodeIfPresent(Bool.self, forKey: .flagsWriteOffs) ?? true
    neverPayRate = try c.decodeIfPresent(Double.self, forKey: .neverPayRate)
    distressedShare = try c.decodeIfPresent(Double.self, forKey: .distressedShare) ?? 0
    discountOfferShare = try c.decodeIfPresent(Double.self, forKey: .discountOfferShare) ?? 0
    collections =
      try c.decodeIfPresent(CollectionsModel.self, forKey: .collections) ?? CollectionsModel()
    dominantCustomerShare =
      try c.decodeIfPresent(Double.self, forKey: .dominantCustomerShare) ?? 0
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
    if !flagsWriteOffs { try c.encode(false, forKey: .flagsWriteOffs) }
    try c.encodeIfPresent(neverPayRate, forKey: .neverPayRate)
    if distressedShare != 0 { try c.encode(distressedShare, forKey: .distressedShare) }
    if discountOfferShare != 0 { try c.encode(discountOfferShare, forKey: .discountOfferShare) }
    if collections != CollectionsModel() { try c.encode(collections, forKey: .collections) }
    if dominantCustomerShare != 0 {
      try c.encode(dominantCustomerShare, forKey: .dominantCustomerShare)
    }
  }
}
