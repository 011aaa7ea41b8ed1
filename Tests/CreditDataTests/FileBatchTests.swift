import Foundation
import Testing

@testable import CreditData

/// A batch of new files written and flushed on both cores.
@Suite struct FileBatchTests {
  /// A new empty folder (`InputFileTests`').
  func folder() throws -> String { try InputFileTests().folder() }

  /// Files of many sizes (empty, a byte, megabytes) each with bytes of its own.
  static func files(in folder: String) -> [(path: String, bytes: [UInt8])] {
    [0, 1, 3_000_000, 17, 1 << 20, 65_537, 2_500_000, 9].enumerated().map { k, size in
      (folder + "/file\(k).csv", (0..<size).map { UInt8(truncatingIfNeeded: $0 * 31 + k * 7) })
    }
  }

  @Test func everyFileHoldsItsBytes() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let files = Self.files(in: dir)
    try FileBatch.write(files, display: dir)
    for file in files {
      #expect(try FileBatch.read(file.path) == file.bytes, "\(file.path)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == files.count)
  }

  /// A file that cannot be created (it is there already) fails the batch, names that file and
  /// leaves none of the others.
  @Test func aFileThatCannotBeCreatedLeavesNone() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let files = Self.files(in: dir)
    try Data("kept".utf8).write(to: URL(fileURLWithPath: files[4].path))
    #expect {
      try FileBatch.write(files.filter { $0.path != files[4].path } + [files[4]], display: dir)
    } throws: { error in
      String(describing: error).contains("file4.csv")
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: dir)
    #expect(left.allSatisfy { $0 == "file4.csv" }, "\(left)")
  }

  /// Files whose bytes are made on the threads that write them hold the same bytes as files
  /// handed over made.
  @Test func madeFilesHoldTheirBytes() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let files = Self.files(in: dir)
    try FileBatch.write(paths: files.map(\.path), display: dir) { files[$0].bytes }
    for file in files {
      #expect(try FileBatch.read(file.path) == file.bytes, "\(file.path)")
    }
  }

  /// A file whose bytes cannot be made fails the batch with what making it threw (the first
  /// such file's in order) and leaves none of the files, made or not.
  @Test func aFileThatCannotBeMadeLeavesNone() throws {
    struct Unmade: Error, Equatable { var file: Int }
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let files = Self.files(in: dir)
    #expect(throws: Unmade(file: 2)) {
      try FileBatch.write(paths: files.map(\.path), display: dir) { k in
        if k == 2 || k == 6 { throw Unmade(file: k) }
        return files[k].bytes
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
  }
}
