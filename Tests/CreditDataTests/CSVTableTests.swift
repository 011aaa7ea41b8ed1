import CreditData
import TestSupport
import Testing

@Suite struct CSVTableTests {
  func table(_ text: String) throws -> CSVTable {
    try CSVTable(bytes: csvBytes(text), fileName: "t.csv")
  }

  func error(_ text: String) -> DataError? {
    do {
      _ = try table(text)
      return nil
    } catch let e as DataError {
      return e
    } catch {
      return nil
    }
  }

  @Test func quotedFieldsKeepCommasAndDoubledQuotes() throws {
    let t = try table("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",plain\n")
    #expect(t.header == ["a", "b", "c"])
    #expect(t[0, 0] == "x, y")
    #expect(t[0, 1] == "say \"hi\"")
    #expect(t[0, 2] == "plain")
  }

  @Test func embeddedNewlinesCountPhysicalLines() throws {
    let t = try table("a,b\n\"line1\nline2\",1\nz,2\n")
    #expect(t.rowCount == 2)
    #expect(t[0, 0] == "line1\nline2")
    #expect(t.lines == [2, 4])
  }

  @Test func crlfAndMixedLineEndings() throws {
    let t = try table("a,b\r\n1,2\n3,4\r\n5,6")
    #expect(t.rowCount == 3)
    #expect(t.column(1) == ["2", "4", "6"])
    #expect(t.lines == [2, 3, 4])
  }

  @Test func byteOrderMarkIsStripped() throws {
    let t = try CSVTable(bytes: [0xEF, 0xBB, 0xBF] + csvBytes("id,x\n1,2\n"), fileName: "t.csv")
    #expect(t.header == ["id", "x"])
  }

  @Test func blankLinesAreSkippedAndCounted() throws {
    let t = try table("a,b\n\n1,2\n,\n\r\n3,4\n\n")
    #expect(t.rowCount == 2)
    #expect(t.blankLines == 4)
    #expect(t.lines == [3, 6])
  }

  @Test func raggedRowNamesLineAndCounts() throws {
    let e = try #require(error("a,b,c\n1,2,3\n4,5\n"))
    #expect(e.kind == .syntax)
    #expect(e.line == 3)
    #expect(e.description == "t.csv:3: row has 2 fields; expected 3 as in the header")
  }

  @Test func unterminatedQuoteNamesTheOpeningLine() throws {
    let e = try #require(error("a,b\n1,2\n3,\"open\n4,5\n6,7\n"))
    #expect(e.kind == .syntax)
    #expect(e.line == 3)
    #expect(e.description.contains("never closed"))
  }

  @Test func nulByteIsAnError() throws {
    let e = try #require(error("a,b\n1,2\n3,\u{0}4\n"))
    #expect(e.kind == .encoding)
    #expect(e.line == 3)
    #expect(e.description.contains("NUL"))
  }

  @Test func invalidUTF8IsAnErrorWithItsLine() throws {
    let bytes = csvBytes("a,b\n1,2\n") + [0x33, 0x2C, 0xC3, 0x28, 0x0A]
    do {
      _ = try CSVTable(bytes: bytes, fileName: "t.csv")
      Issue.record("expected an error")
    } catch let e as DataError {
      #expect(e.kind == .encoding)
      #expect(e.line == 3)
      #expect(e.description.contains("invalid UTF-8"))
    }
  }

  @Test func validMultibyteUTF8IsAccepted() throws {
    let t = try table("name,x\nZürich – 東京 😀,1\n")
    #expect(t[0, 0] == "Zürich – 東京 😀")
  }

  @Test func duplicateColumnNamesAreAnError() throws {
    let e = try #require(error("id,Amount,amount\n1,2,3\n"))
    #expect(e.kind == .header)
    #expect(e.column == 3)
    #expect(e.description.contains("duplicate column name"))
  }

  @Test func numbersColumnParsesAndReportsBadCells() throws {
    let t = try table("x,y\n1.5,-2e3\n,+.25\n7,abc\n")
    #expect(try t.numbers(column: 0)[0] == 1.5)
    #expect(try t.numbers(column: 0)[1].isNaN)
    do {
      _ = try t.numbers(column: 1)
      Issue.record("expected an error")
    } catch let e as DataError {
      #expect(
        e.description == "t.csv:4:2 (y): 'abc' is not a number; expected a decimal such as 1234.56")
    }
  }

  @Test func errorTextIsTruncatedAndOnOneLine() {
    let e = DataError(
      .value, file: "f.csv", line: 2, column: 1, columnName: "x",
      text: String(repeating: "a", count: 60) + "\n", message: "bad")
    #expect(!e.description.contains("\n"))
    #expect(e.description.contains("'" + String(repeating: "a", count: 40) + "...'"))
  }
}
