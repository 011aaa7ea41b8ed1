import Foundation
import TestSupport
import Testing

/// `score --xlsx`; scripts/check-workbook.sh opens the workbook in LibreOffice and compares
/// every cell with the CSV files.
@Suite("score --xlsx")
struct WorkbookTests {
  @Test func theWorkbookIsWrittenWithTheFilesAndTheSameEachTime() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let folder = try CLI.temporaryDirectory("xlsx")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var books: [Data] = []
    for k in 0..<2 {
      let run = try CLI.run([
        "score", "--history", "valid-small.csv", "--model", model, "--out", folder + "/out\(k)",
        "--xlsx", folder + "/book\(k).xlsx",
      ])
      try #require(run.status == 0, "score failed: \(run.stderr)")
      books.append(try #require(FileManager.default.contents(atPath: folder + "/book\(k).xlsx")))
    }
    #expect(books[0] == books[1])
    // A ZIP archive whose first entry is the content types part.
    #expect(books[0].prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
    #expect(books[0].subdata(in: 30..<49) == Data("[Content_Types].xml".utf8))
  }

  /// A workbook whose first sheet is not the history (here score's own workbook, whose first
  /// sheet is the scored invoices) is refused with its sheets named and `--sheet` suggested.
  @Test func aFirstSheetWithoutTheColumnsNamesTheOthers() throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let scratch = try ScratchFolder("xlsx-sheets")
    let book = scratch.path + "/book.xlsx"
    let run = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--out", scratch.path + "/out",
      "--xlsx", book,
    ])
    try #require(run.status == 0, "score failed: \(run.stderr)")
    let read = try CLI.run(["inspect", "--history", book])
    #expect(read.status == 1)
    #expect(
      read.stderr.contains(
        "book.xlsx:1: sheet 'invoices' (the first of 'invoices', 'customers', "), "\(read.stderr)")
    #expect(read.stderr.contains("give --sheet NAME for another)"), "\(read.stderr)")
  }

  @Test func aFailingRunWritesNoWorkbook() throws {
    let folder = try CLI.temporaryDirectory("xlsx-fail")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", folder + "/missing.json", "--out",
      folder + "/out", "--xlsx", folder + "/book.xlsx",
    ])
    #expect(run.status == 1)
    #expect(!FileManager.default.fileExists(atPath: folder + "/book.xlsx"))
  }

  /// A workbook or letters folder that cannot be written fails the run before anything is
  /// published: the earlier run's files, workbook and letters stay as they were, and nothing
  /// is left beside them.
  @Test(arguments: ["missing/book.xlsx", "folder", "book.xlsx"])
  func anOutputThatCannotBeWrittenPublishesNothing(xlsx: String) throws {
    let model = try #require(CLI.baseModel, "the base model could not be trained")
    let scratch = try ScratchFolder("xlsx-all-or-none")
    let root = scratch.path
    try FileManager.default.createDirectory(
      atPath: root + "/folder", withIntermediateDirectories: false)
    _ = try scratch.file("file", "not a folder\n")
    let first = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--out", root + "/out",
      "--xlsx", root + "/book.xlsx", "--letters", root + "/letters",
    ])
    try #require(first.status == 0, "score failed: \(first.stderr)")
    let before = try snapshot(root)
    // Other limits this time, so that files published anyway would differ. The letters go
    // into a new folder (or, with a workbook that can be written, under a file).
    let policy = try scratch.file("policy.json", #"{"gradeLimitFactors": {"A": 6, "B": 5}}"#)
    let letters = xlsx == "book.xlsx" ? "file/letters" : "letters2"
    let run = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--out", root + "/out",
      "--policy", policy, "--xlsx", root + "/" + xlsx, "--letters", root + "/" + letters,
    ])
    #expect(run.status == 1)
    #expect(
      run.stderrLines.last?.hasPrefix("Error: cannot write \(root)/") == true, "\(run.stderr)")
    #expect(try snapshot(root) == before.merging(["policy.json": Data()]) { a, _ in a })
  }

  /// Every file under `root` (relative path) with its bytes; policy.json's bytes left out.
  private func snapshot(_ root: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let names = FileManager.default.subpaths(atPath: root) ?? []
    for name in names {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isFolder)
      files[name + (isFolder.boolValue ? "/" : "")] =
        name == "policy.json" || isFolder.boolValue
        ? Data() : try #require(FileManager.default.contents(atPath: root + "/" + name))
    }
    return files
  }
}
