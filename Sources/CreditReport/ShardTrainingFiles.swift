import CreditData
import CreditEngine
import Foundation

/// Reads and writes the files of a training from shard statistics: the state (what the
/// shards compute next) and each shard's statistics, as compact JSON.
public enum ShardTrainingFiles {
  /// What is wrong with a state or statistics file.
  public struct FileError: Error, CustomStringConvertible {
    public let path: String
    public let problem: String
    public var description: String { "\(path): \(problem)" }
  }

  /// The JSON of `value`, one line (so a shard can print its statistics as one line of
  /// standard output).
  public static func encode(_ value: some Encodable) throws -> [UInt8] {
    try JSONFile.encode(value, formatting: .withoutEscapingSlashes)
  }

  /// Writes `value` atomically (`AtomicFile`).
  public static func write(_ value: some Encodable, to path: String) throws {
    _ = try AtomicFile.write(try encode(value), to: path)
  }

  /// Decodes a state from `bytes` read from `path`.
  public static func state(_ bytes: [UInt8], path: String) throws -> ShardTrainingState {
    struct Header: Decodable { var format: String? }
    let data = Data(bytes)
    guard let header = try? JSONDecoder().decode(Header.self, from: data),
      header.format == ShardTrainingState.currentFormat
    else {
      throw FileError(
        path: path,
        problem:
          "not a training state file; expected JSON with \"format\": \"\(ShardTrainingState.currentFormat)\" (from creditrisk solve --state-out)"
      )
    }
    return try decode(ShardTrainingState.self, data, path: path)
  }

  /// Decodes one shard's statistics (one JSON value) from `bytes` read from `path`.
  public static func statistics(_ bytes: [UInt8], path: String) throws -> [ShardStatistics] {
    // Several shards' statistics may share a file, one JSON value per line.
    try bytes.split(separator: 10).filter { !$0.allSatisfy { $0 == 32 || $0 == 13 } }.map {
      do {
        return try decode(ShardStatistics.self, Data($0), path: path)
      } catch let error as FileError where error.problem.hasPrefix("missing field") {
        // Statistics printed by an earlier version lack the round and as-of date they are for.
        throw FileError(
          path: path,
          problem: error.problem
            + "; expected the statistics that 'creditrisk train --shard i/n --state STATE' of "
            + "this version prints: run that shard again")
      }
    }
  }

  static func decode<T: Decodable>(_ type: T.Type, _ data: Data, path: String) throws -> T {
    do {
      return try JSONFile.decoder().decode(type, from: data)
    } catch let DecodingError.dataCorrupted(context) {
      throw FileError(path: path, problem: "not valid JSON (\(context.debugDescription))")
    } catch let DecodingError.keyNotFound(key, _) {
      throw FileError(path: path, problem: "missing field '\(key.stringValue)'")
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context)
    {
      let where_ = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw FileError(path: path, problem: "unexpected value at '\(where_)'")
    }
  }
}
