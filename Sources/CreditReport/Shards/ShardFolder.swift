import CreditData
import CreditEngine
import Foundation

/// A shard's folder (`score --shard i/n`): its rows of the score files, and shard.json
/// (`ShardPart`) with what `merge` needs to put the shards together.
public struct ShardFolder: Sendable {
  /// The name of the file holding the `ShardPart`.
  public static let partName = "shard.json"

  public var path: String
  public var part: ShardPart
  /// Each score file's bytes, by name (`part.files`).
  public var files: [String: [UInt8]]

  /// Publishes the shard's score files and its shard.json as one set in `directory`
  /// (`OutputSet`: all or nothing).
  /// - Returns: warnings about leftovers of interrupted runs that were cleaned up.
  @discardableResult
  public static func write(_ result: ScoreResult, part: ShardPart, to directory: String)
    throws -> [String]
  {
    let files = ScoreFiles.render(result)
    for file in files {
      if let problem = file.writer.nonFiniteProblem(name: file.name) {
        throw OutputError(path: directory, reason: problem)
      }
    }
    var part = part
    part.files = files.map(\.name)
    part.fileHashes = Dictionary(
      uniqueKeysWithValues: files.map { ($0.name, ContentHash.hex($0.writer.bytes)) })
    let json = try JSONFile.encode(part, formatting: .withoutEscapingSlashes)
    // An earlier whole run's changes.csv does not stay beside a shard's files.
    return try OutputSet.publish(
      files.map { ($0.name, $0.writer.bytes) } + [(partName, json)], to: directory,
      superseding: [ChangesFile.name])
  }

  /// Reads a shard folder, checking each file against its content hash in shard.json.
  /// - Throws: `ShardError` naming the folder and what is wrong with it, or the file that
  ///   was changed after scoring.
  public static func read(_ path: String) throws -> ShardFolder {
    let partPath = path + "/" + partName
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
    guard exists, isFolder.boolValue else {
      // A shard's shard.json given for its folder is a file, not a missing folder.
      throw ShardError(
        exists
          ? "\(path): is a file, not a folder; merge expects the folders score --shard wrote"
          : "\(path): no such folder")
    }
    guard FileManager.default.fileExists(atPath: partPath) else {
      throw ShardError(
        "\(path) is not a shard folder: it has no \(partName) (score --shard i/n --out \(path) writes one)"
      )
    }
    let part: ShardPart
    do {
      part = try JSONFile.decoder().decode(
        ShardPart.self, from: Data(try CSVReader.readFile(path: partPath)))
    } catch {
      throw ShardError("\(partPath): not a shard description (\(error))")
    }
    var files: [String: [UInt8]] = [:]
    for name in part.files {
      let bytes: [UInt8]
      do {
        bytes = try CSVReader.readFile(path: path + "/" + name)
      } catch {
        throw ShardError("\(path)/\(name): cannot be read (\(error)); score the shard again")
      }
      if let hashes = part.fileHashes, hashes[name] != ContentHash.hex(bytes) {
        throw ShardError(
          "\(path)/\(name) was changed after scoring (its content hash is not the one \(partName) recorded); score the shard again"
        )
      }
      files[name] = bytes
    }
    return ShardFolder(path: path, part: part, files: files)
  }

  /// A warning naming the folders whose shard.json has no content hashes of their files
  /// (written by an older creditrisk), which `merge` takes unchecked; nil when there are none.
  public static func uncheckedWarning(_ folders: [ShardFolder]) -> String? {
    let unchecked = folders.filter { $0.part.fileHashes == nil }.map(\.path)
    guard !unchecked.isEmpty else { return nil }
    let names =
      unchecked.count > 3
      ? unchecked.prefix(2).joined(separator: ", ") + " and \(unchecked.count - 2) more"
      : unchecked.joined(separator: ", ")
    return
      "\(names): \(partName) has no content hashes (an older creditrisk wrote it), so merge could not check that the files are unchanged since scoring; score again to have them checked"
  }
}

/// A shard folder that cannot be read or merged, in one line.
public struct ShardError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
