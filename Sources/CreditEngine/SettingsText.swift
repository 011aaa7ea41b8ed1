/// The text of a settings file (`--policy`, `--ladder`) checked before it is decoded, for
/// what the JSON decoder does not say or does not see: where a syntax error is (line and
/// column), a key given twice in one object (the decoder keeps one of them without a word, so
/// an override appended at the end could be ignored), and a `null` value (the decoder takes it
/// as a key left out, the default).
///
/// Written here because Foundation's reader reports a syntax error by character offset only
/// and cannot report duplicate keys; a settings file is a few hundred bytes, so a plain
/// recursive scan costs nothing.
public enum SettingsText {
  /// A problem found, with its 1-based line and column.
  public struct Problem: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
  }

  /// Checks `bytes` as one JSON value.
  /// - Throws: the first `Problem`.
  public static func check(_ bytes: [UInt8]) throws(Problem) {
    var scanner = Scanner(bytes: bytes)
    scanner.skipSpace()
    try scanner.value(path: "")
    scanner.skipSpace()
    if scanner.i < bytes.count {
      throw scanner.problem("text after the end of the settings; expected nothing more")
    }
  }

  /// The line and column where the value at `keyPath` is given in `bytes`: the key's opening
  /// quote (`steps[0].daysFromDue`, `gradeLimitFactors.B`), or an element's first character
  /// (`gradeBounds[1]`); nil for a key the file does not give, or text that is not JSON up to
  /// it.
  public static func place(of keyPath: String, in bytes: [UInt8]) -> (line: Int, column: Int)? {
    var scanner = Scanner(bytes: bytes)
    scanner.skipSpace()
    try? scanner.value(path: "")
    guard let offset = scanner.places[keyPath] else { return nil }
    let found = scanner.problem("", at: offset)
    return (found.line, found.column)
  }

  private struct Scanner {
    let bytes: [UInt8]
    var i = 0
    /// Where each key path met so far starts (`place(of:in:)`): the byte offset of an object
    /// key's opening quote, of an array element's first character.
    var places: [String: Int] = [:]

    init(bytes: [UInt8]) {
      self.bytes = bytes
      // A byte-order mark, as some editors write.
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    var current: UInt8? { i < bytes.count ? bytes[i] : nil }

    func problem(_ message: String, at offset: Int? = nil) -> Problem {
      let end = min(offset ?? i, bytes.count)
      var (line, column) = (1, 1)
      for b in bytes[..<end] {
        if b == 10 {
          (line, column) = (line + 1, 1)
        } else if b & 0xC0 != 0x80 {
          column += 1
        }
      }
      return Problem(line: line, column: column, message: message)
    }

    mutating func skipSpace() {
      while let b = current, b == 32 || b == 9 || b == 10 || b == 13 { i += 1 }
    }

    /// What stands at the current place, for messages.
    var found: String {
      guard let b = current else { return "the end of the file" }
      return b < 0x80 && b >= 32 ? "'\(Character(Unicode.Scalar(b)))'" : "byte \(b)"
    }

    mutating func value(path: String) throws(Problem) {
      guard let b = current else { throw problem("the file ends where a value was expected") }
      switch b {
      case UInt8(ascii: "{"): try object(path: path)
      case UInt8(ascii: "["): try array(path: path)
      case UInt8(ascii: "\""): _ = try string()
      case UInt8(ascii: "n"):
        let start = i
        try word("null")
        throw problem(
          "\(path.isEmpty ? "the value" : "'\(path)'") is null; expected a value (leave the "
            + "key out to keep its default)", at: start)
      case UInt8(ascii: "t"): try word("true")
      case UInt8(ascii: "f"): try word("false")
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
      default: throw problem("\(found) where a value was expected")
      }
    }

    mutating func object(path: String) throws(Problem) {
      i += 1
      var seen: [String: Int] = [:]
      skipSpace()
      if current == UInt8(ascii: "}") {
        i += 1
        return
      }
      while true {
        skipSpace()
        guard current == UInt8(ascii: "\"") else {
          throw problem("\(found) where a key in double quotes was expected")
        }
        let start = i
        let key = try string()
        let keyPath = path.isEmpty ? key : path + "." + key
        if let first = seen[key] {
          throw problem(
            "'\(keyPath)' is given twice (first on line \(problem("", at: first).line)); "
              + "expected each key once", at: start)
        }
        seen[key] = start
        places[keyPath] = start
        skipSpace()
        guard current == UInt8(ascii: ":") else {
          throw problem("\(found) after the key '\(keyPath)'; expected ':'")
        }
        i += 1
        skipSpace()
        try value(path: keyPath)
        guard try nextItem(closing: "}", after: "the value of '\(keyPath)'") else { return }
      }
    }

    mutating func array(path: String) throws(Problem) {
      i += 1
      skipSpace()
      if current == UInt8(ascii: "]") {
        i += 1
        return
      }
      var index = 0
      while true {
        skipSpace()
        places["\(path)[\(index)]"] = i
        try value(path: "\(path)[\(index)]")
        guard try nextItem(closing: "]", after: "an element of '\(path)'") else { return }
        index += 1
      }
    }

    /// Passes over what follows an item of an object or array: a comma, when another item
    /// follows (true), or the closing bracket `close`, when the object or array ends (false).
    /// - Throws: a problem at anything else, saying what it came `after`.
    mutating func nextItem(closing close: Unicode.Scalar, after item: String) throws(Problem)
      -> Bool
    {
      skipSpace()
      switch current {
      case UInt8(ascii: ","):
        i += 1
        return true
      case UInt8(ascii: close):
        i += 1
        return false
      default: throw problem("\(found) after \(item); expected ',' or '\(close)'")
      }
    }

    /// A string at the current place (its opening quote), without its escapes decoded beyond
    /// what a key needs.
    mutating func string() throws(Problem) -> String {
      let start = i
      i += 1
      var out: [UInt8] = []
      while let b = current {
        if b == 10 { throw problem("a line break inside a string; expected '\"' to close it") }
        i += 1
        if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
        if b == UInt8(ascii: "\\") {
          guard let e = current else { break }
          i += 1
          out.append(e)
          continue
        }
        out.append(b)
      }
      throw problem("a string that is not closed; expected '\"'", at: start)
    }

    mutating func word(_ w: String) throws(Problem) {
      let u = Array(w.utf8)
      guard i + u.count <= bytes.count, Array(bytes[i..<i + u.count]) == u else {
        throw problem("\(found) where a value was expected")
      }
      i += u.count
    }

    mutating func number() throws(Problem) {
      let start = i
      if current == UInt8(ascii: "-") { i += 1 }
      let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
      var any = false
      while let b = current,
        digits.contains(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e")
          || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
      {
        any = any || digits.contains(b)
        i += 1
      }
      if !any { throw problem("'-' without digits where a number was expected", at: start) }
    }
  }
}
