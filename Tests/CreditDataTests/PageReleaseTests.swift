import Foundation
import TestSupport
import Testing

@testable import CreditData

#if canImport(Glibc)
  import Glibc
#endif

/// A mapped input's pages are given back once read: the bytes read the same afterwards, memory
/// that is not such a mapping is never touched, and the stretched survey and hash add up to
/// the whole ones.
@Suite struct PageReleaseTests {
  func folder() throws -> String {
    let path = NSTemporaryDirectory() + "creditrisk-release-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// The resident kilobytes of the mapping that holds `address` (its `Rss:` in smaps).
  func residentKB(at address: UnsafeRawPointer) throws -> Int {
    // Read to the end: /proc files report a size of 0.
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/proc/self/smaps"))
    defer { try? handle.close() }
    let smaps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
    let target = UInt(bitPattern: address)
    var inside = false
    for line in smaps.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
        let ends = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
        inside = ends.count == 2 && target >= ends[0] && target < ends[1]
      } else if inside, fields.first == "Rss:", fields.count >= 2, let kb = Int(fields[1]) {
        return kb
      }
    }
    throw CocoaError(.fileReadUnknown)
  }

  @Test func releasedPagesLeaveTheProcessAndReadTheSame() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/big.csv"
    let size = 8 << 20
    let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    try InputFile.withContents(path: path) { buf in
      let base = try #require(buf.baseAddress)
      var sum = 0
      for b in buf { sum &+= Int(b) }
      let before = try residentKB(at: base)
      #expect(before >= (size >> 10) - 64)
      InputFile.release(UnsafeRawBufferPointer(buf))
      let after = try residentKB(at: base)
      #expect(after <= 64)
      #expect(Array(buf) == bytes)
      var again = 0
      for b in buf { again &+= Int(b) }
      #expect(again == sum)
    }
  }

  @Test func memoryThatIsNotAMappedInputIsLeftAlone() {
    let size = 1 << 20
    let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
    var copy = bytes
    copy.withUnsafeMutableBytes { InputFile.release(UnsafeRawBufferPointer($0)) }
    #expect(copy == bytes)
    let heap = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 1 << 12)
    defer { heap.deallocate() }
    heap.copyBytes(from: bytes)
    InputFile.release(UnsafeRawBufferPointer(heap))
    #expect(Array(heap) == bytes)
  }

  /// Line feeds, CRLF, lone CR, quotes and multi-byte characters, cut into stretches of every
  /// size: the same counts, quote and first invalid byte as one survey.
  @Test func stretchedSurveyAddsUpToTheWholeOne() {
    let text = (0..<400).map { i -> String in
      switch i % 6 {
      case 0: "a,b,\"c\"\r\n"
      case 1: "é,日本,x\n"
      case 2: "lone\rcr\n"
      case 3: "\n"
      case 4: "1,2,3\r\n"
      default: "plain row \(i)\n"
      }
    }.joined()
    var invalid = Array(text.utf8)
    invalid[invalid.count * 2 / 3] = 0xFF
    for bytes in [Array(text.utf8), Array(text.utf8) + Array("no end".utf8), invalid] {
      bytes.withUnsafeBufferPointer { buf in
        let p = buf.baseAddress!
        let whole = CSVReader.survey(p, from: 0, to: buf.count)
        for stride in [1, 5, 64, 777, buf.count] {
          let parts = HistoryPass.survey(p, from: 0, to: buf.count, stride: stride)
          #expect(parts.lineBreaks == whole.lineBreaks, "stride \(stride)")
          #expect(parts.hasQuote == whole.hasQuote, "stride \(stride)")
          #expect(parts.firstInvalid == whole.firstInvalid, "stride \(stride)")
        }
      }
    }
  }

  @Test func hashInStretchesIsTheWholeHash() {
    let bytes = (0..<1_005).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
    let whole = ContentHash.hex(bytes)
    for stretch in [1, 8, 24, 100, 1_000, 5_000] {
      var covered: [Range<Int>] = []
      let hex = bytes.withUnsafeBytes {
        ContentHash.hex($0, stretch: stretch) { covered.append($0) }
      }
      #expect(hex == whole, "stretch \(stretch)")
      #expect(covered.first?.lowerBound == 0)
      #expect(covered.last?.upperBound == 1_000)
      #expect(zip(covered, covered.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    }
  }

  /// A history of more than one released stretch, read from its file (mapped, its rows given
  /// back as they are read) and from the same bytes in memory: the same history and hash.
  @Test func largeMappedHistoryReadsAsInMemory() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/history.csv"
    // Copies of one history's rows, each copy's invoice ids made its own.
    let lines = ChunkedLoadTests.history(rows: 20_000).split(
      separator: "\n", omittingEmptySubsequences: false)
    var bytes = csvBytes(lines[0] + "\n")
    var copy = 0
    while bytes.count < InputFile.ReleaseBehind.stride * 5 / 2 {
      for line in lines.dropFirst() where !line.isEmpty || copy == 0 {
        bytes += csvBytes((line.hasPrefix("INV") ? "R\(copy)" + line : String(line)) + "\n")
      }
      copy += 1
    }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let mapped = try HistoryLoader.loadHashed(path: path)
    let memory = try HistoryLoader.parse(bytes: bytes, fileName: path)
    ChunkedLoadTests().expectSame(mapped.history, memory)
    #expect(mapped.contentHash == ContentHash.hex(bytes))
  }
}
