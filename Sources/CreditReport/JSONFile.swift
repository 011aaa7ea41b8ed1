import Foundation

/// The JSON of the files written here and read back (model, fit results, shard descriptions,
/// training state and statistics): keys sorted, so the same value gives the same bytes, and
/// the non-finite numbers a fit can hold written as the strings "inf", "-inf" and "nan".
enum JSONFile {
  /// `value` as JSON with sorted keys and `formatting`, and a final newline.
  static func encode(
    _ value: some Encodable, formatting: JSONEncoder.OutputFormatting
  ) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = formatting.union(.sortedKeys)
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return Array(try encoder.encode(value)) + [10]
  }

  /// A decoder that reads the non-finite numbers back from their strings.
  static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return decoder
  }
}
