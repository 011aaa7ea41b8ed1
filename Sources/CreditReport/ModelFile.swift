import CreditData
import CreditEngine
import Foundation

/// Reads and writes the model JSON file.
public enum ModelFile {
  /// Pretty, key-sorted JSON: stable bytes for the same model (diffable, reproducible).
  public static func encode(_ model: TrainedModel) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return Array(try encoder.encode(model)) + [10]
  }

  /// Writes the model atomically (`AtomicFile`).
  /// - Returns: warnings about leftovers of interrupted runs that were cleaned up.
  @discardableResult
  public static func write(_ model: TrainedModel, to path: String) throws -> [String] {
    try AtomicFile.write(try encode(model), to: path)
  }

  /// Reads a model file, checking its format version first.
  /// - Throws: `ModelFileError.wrongFormat`, or `ModelFileReadError` for unreadable/truncated JSON.
  public static func read(path: String) throws -> TrainedModel {
    let bytes: [UInt8]
    do {
      bytes = try CSVReader.readFile(path: path)
    } catch {
      throw ModelFileReadError(path: path, reason: "\(error)")
    }
    return try decode(bytes, path: path)
  }

  /// Decodes model JSON; `path` is used in messages.
  public static func decode(_ bytes: [UInt8], path: String) throws -> TrainedModel {
    let data = Data(bytes)
    struct Header: Decodable { var format: String? }
    guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
      throw ModelFileReadError(
        path: path, reason: "not valid JSON (truncated or not a creditrisk model file)")
    }
    guard let format = header.format else {
      throw ModelFileReadError(path: path, reason: "no 'format' field; not a creditrisk model file")
    }
    guard format == TrainedModel.currentFormat else {
      throw ModelFileError.wrongFormat(found: format, expected: TrainedModel.currentFormat)
    }
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let model: TrainedModel
    do {
      model = try decoder.decode(TrainedModel.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw ModelFileReadError(
        path: path,
        reason:
          "missing field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
      )
    } catch {
      throw ModelFileReadError(path: path, reason: "malformed model: \(error)")
    }
    if let problem = model.consistencyProblem() {
      throw ModelFileReadError(
        path: path, reason: "inconsistent model: \(problem); retrain with 'creditrisk train'")
    }
    return model
  }
}

/// A model file that could not be read.
public struct ModelFileReadError: Error, CustomStringConvertible {
  public var path: String
  public var reason: String
  public var description: String { "\(path): \(reason)" }
}
