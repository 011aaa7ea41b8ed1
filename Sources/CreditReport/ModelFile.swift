import CreditData
import CreditEngine
import Foundation

/// Reads and writes the model JSON file.
///
/// `read` and `decode` are where a model file is checked, once: its format version, its JSON,
/// and that its parts fit together (`TrainedModel.consistencyProblem()`). Every failure is a
/// `ModelFileError` naming the file.
public enum ModelFile {
  /// Pretty, key-sorted JSON: stable bytes for the same model (diffable, reproducible).
  public static func encode(_ model: TrainedModel) throws -> [UInt8] {
    try JSONFile.encode(model, formatting: [.prettyPrinted, .withoutEscapingSlashes])
  }

  /// Writes the model atomically (`AtomicFile`).
  /// - Returns: warnings about leftovers of interrupted runs that were cleaned up.
  @discardableResult
  public static func write(_ model: TrainedModel, to path: String) throws -> [String] {
    try AtomicFile.write(try encode(model), to: path)
  }

  /// Reads and checks a model file.
  /// - Throws: `ModelFileError`.
  public static func read(path: String) throws -> TrainedModel {
    let bytes: [UInt8]
    do {
      bytes = try CSVReader.readFile(path: path)
    } catch {
      throw ModelFileError(path: path, problem: .unreadable("\(error)"))
    }
    return try decode(bytes, path: path)
  }

  /// Decodes and checks model JSON; `path` names the file in errors.
  /// - Throws: `ModelFileError`.
  public static func decode(_ bytes: [UInt8], path: String) throws -> TrainedModel {
    func fail(_ problem: ModelFileError.Problem) -> ModelFileError {
      ModelFileError(path: path, problem: problem)
    }
    let data = Data(bytes)
    struct Header: Decodable { var format: String? }
    guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
      throw fail(.notJSON)
    }
    guard let format = header.format else { throw fail(.noFormat) }
    guard format == TrainedModel.currentFormat else {
      throw fail(.wrongFormat(found: format, expected: TrainedModel.currentFormat))
    }
    let model: TrainedModel
    do {
      model = try JSONFile.decoder().decode(TrainedModel.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw fail(
        .missingField((context.codingPath + [key]).map(\.stringValue).joined(separator: ".")))
    } catch {
      throw fail(.malformed("\(error)"))
    }
    if let problem = model.consistencyProblem() { throw fail(.inconsistent(problem)) }
    if let problem = model.rangeProblem() { throw fail(.outOfRange(problem)) }
    return model
  }
}

/// A model file that cannot be used, and why.
public struct ModelFileError: Error, CustomStringConvertible, Equatable {
  /// What is wrong with the file.
  public enum Problem: Equatable, Sendable {
    /// The file cannot be read.
    case unreadable(String)
    /// Not JSON (truncated, or another kind of file).
    case notJSON
    /// JSON without a `format` field.
    case noFormat
    /// A model file of another format version (an older creditrisk wrote it, or a newer one).
    case wrongFormat(found: String, expected: String)
    /// A field the format requires is missing (its path, dot-separated).
    case missingField(String)
    /// A field has the wrong type or value.
    case malformed(String)
    /// The parts do not fit together (edited by hand, or written by a buggy build).
    case inconsistent(String)
    /// A number lies outside the bounds scoring can use (`TrainedModel.Limits`).
    case outOfRange(String)
  }

  public var path: String
  public var problem: Problem

  public init(path: String, problem: Problem) {
    self.path = path
    self.problem = problem
  }

  public var description: String {
    let reason: String
    switch problem {
    case .unreadable(let why):
      // The reader's message names the file already ("x.json: cannot open: ...").
      if why.hasPrefix(path + ":") { return why }
      reason = why
    case .notJSON: reason = "not valid JSON (truncated or not a creditrisk model file)"
    case .noFormat: reason = "no 'format' field; not a creditrisk model file"
    case .wrongFormat(let found, let expected):
      reason =
        "model file format '\(found)' is not supported (this creditrisk reads '\(expected)'); retrain with 'creditrisk train'"
    case .missingField(let field): reason = "missing field '\(field)'"
    case .malformed(let why): reason = "malformed model: \(why)"
    case .inconsistent(let why):
      reason = "inconsistent model: \(why); retrain with 'creditrisk train'"
    case .outOfRange(let why):
      reason = "\(why), beyond what scoring can use; retrain with 'creditrisk train'"
    }
    return "\(path): \(reason)"
  }
}
