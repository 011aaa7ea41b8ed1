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
}
