import CreditData
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Inputs that are not plain files, and files that change while they are read.
@Suite struct InputFileTests {
  func folder() throws -> String {
    let path = NSTemporaryDirectory() + "creditrisk-input-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func emptyPathSaysSo() throws {
    let e = try #require(throws: DataError.self) { try CSVReader.readFile(path: "") }
    #expect(
      e.description
        == "'': no file name given; expected the path of a file (or - for standard input)")
  }

  @Test func pipeWithoutWriterDoesNotWait() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fifo = dir + "/fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let start = Date()
    let e = try #require(throws: DataError.self) { try HistoryLoader.load(path: fifo) }
    #expect(e.description.contains("file is empty"))
    #expect(Date().timeIntervalSince(start) < 5)
  }

  @Test func directoryIsRefused() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let e = try #require(throws: DataError.self) { try HistoryLoader.load(path: dir) }
    #expect(e.description.contains("is a directory"))
  }

  /// A mapped file cut short while it is read reads as zeros instead of faulting, and the
  /// read ends with "file changed while reading".
  @Test func truncationWhileReadingIsAnError() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/big.csv"
    try String(repeating: "0123456789abcdef\n", count: 1 << 16)
      .write(toFile: path, atomically: false, encoding: .utf8)
    var seen: UInt8 = 1
    let e = try #require(throws: DataError.self) {
      try InputFile.withContents(path: path) { buf in
        #expect(truncate(path, 0) == 0)
        seen = buf[buf.count - 2]
      }
    }
    #expect(seen == 0)
    #expect(e.description.contains("file changed while reading"))
  }

  @Test func appendedWhileReadingIsAnError() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/small.csv"
    try "a,b\n".write(toFile: path, atomically: false, encoding: .utf8)
    let e = try #require(throws: DataError.self) {
      try InputFile.withContents(path: path) { _ in
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data("c,d\n".utf8))
        h.closeFile()
      }
    }
    #expect(e.description.contains("file changed while reading"))
  }
}
