import Foundation

/// A small event reader for the XML of SpreadsheetML parts.
///
/// Events are start tags with their attributes, end tags and text, entities decoded,
/// namespace prefixes dropped from element names. Comments, processing instructions and the DOCTYPE are skipped; CDATA is text.
///
/// A general XML library (XMLCoder on FoundationXML) would bring libxml2 and ICU's data
/// (about 30 MB more mapped at start), which the command's small address-space budget
/// (`ulimit -v`) cannot spare; these parts need no more than this.
struct XMLEvents {
  enum Event {
    case start(name: String, attributes: [String: String], selfClosing: Bool)
    case end(name: String)
    case text(String)
  }

  /// Calls `handle` for every event of `data`, in order.
  ///
  /// - Throws: `XMLEvents.Malformed` for a tag or comment that is never closed.
  static func read(_ data: Data, _ handle: (Event) throws -> Void) throws {
    let bytes = [UInt8](data)
    let n = bytes.count
    var i = 0
    var text: [UInt8] = []
    func flush() throws {
      if !text.isEmpty {
        try handle(.text(decode(text)))
        text.removeAll(keepingCapacity: true)
      }
    }
    while i < n {
      let b = bytes[i]
      guard b == UInt8(ascii: "<") else {
        text.append(b)
        i += 1
        continue
      }
      if starts(bytes, i, "<![CDATA[") {
        guard let e = find(bytes, i + 9, "]]>") else { throw Malformed() }
        let raw = Array(bytes[(i + 9)..<e])
        try flush()
        try handle(.text(String(decoding: raw, as: UTF8.self)))
        i = e + 3
        continue
      }
      if starts(bytes, i, "<!--") {
        guard let e = find(bytes, i + 4, "-->") else { throw Malformed() }
        i = e + 3
        continue
      }
      guard let close = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else { throw Malformed() }
      try flush()
      let inner = Array(bytes[(i + 1)..<close])
      i = close + 1
      guard let first = inner.first, first != UInt8(ascii: "?"), first != UInt8(ascii: "!")
      else { continue }
      if first == UInt8(ascii: "/") {
        try handle(.end(name: localName(String(decoding: inner.dropFirst(), as: UTF8.self))))
        continue
      }
      let selfClosing = inner.last == UInt8(ascii: "/")
      let (name, attributes) = tag(selfClosing ? Array(inner.dropLast()) : inner)
      try handle(.start(name: name, attributes: attributes, selfClosing: selfClosing))
      if selfClosing { try handle(.end(name: name)) }
    }
    try flush()
  }

  struct Malformed: Error {}

  private static func starts(_ b: [UInt8], _ i: Int, _ s: String) -> Bool {
    let u = Array(s.utf8)
    return i + u.count <= b.count && Array(b[i..<(i + u.count)]) == u
  }

  private static func find(_ b: [UInt8], _ from: Int, _ s: String) -> Int? {
    let u = Array(s.utf8)
    var i = from
    while i + u.count <= b.count {
      if b[i] == u[0], Array(b[i..<(i + u.count)]) == u { return i }
      i += 1
    }
    return nil
  }

  /// The name without its namespace prefix (`x:row` is `row`).
  private static func localName(_ name: String) -> String {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    return trimmed.split(separator: ":").last.map(String.init) ?? trimmed
  }

  /// The element name and attributes of a start tag's inside.
  private static func tag(_ inner: [UInt8]) -> (String, [String: String]) {
    var i = 0
    let n = inner.count
    func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
    while i < n, !isSpace(inner[i]) { i += 1 }
    let name = localName(String(decoding: inner[0..<i], as: UTF8.self))
    var attributes: [String: String] = [:]
    while i < n {
      while i < n, isSpace(inner[i]) { i += 1 }
      let s = i
      while i < n, inner[i] != UInt8(ascii: "="), !isSpace(inner[i]) { i += 1 }
      let key = String(decoding: inner[s..<i], as: UTF8.self)
      while i < n, inner[i] != UInt8(ascii: "\""), inner[i] != UInt8(ascii: "'") { i += 1 }
      guard i < n else { break }
      let quote = inner[i]
      i += 1
      let v = i
      while i < n, inner[i] != quote { i += 1 }
      if !key.isEmpty { attributes[key] = decode(Array(inner[v..<min(i, n)])) }
      i += 1
    }
    return (name, attributes)
  }

  /// Text with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and character references decoded.
  static func decode(_ raw: [UInt8]) -> String {
    guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
    let s = String(decoding: raw, as: UTF8.self)
    var out = ""
    var rest = Substring(s)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      guard let semi = rest[amp...].firstIndex(of: ";") else { break }
      let entity = rest[rest.index(after: amp)..<semi]
      switch entity {
      case "amp": out += "&"
      case "lt": out += "<"
      case "gt": out += ">"
      case "quot": out += "\""
      case "apos": out += "'"
      default:
        let hex = entity.hasPrefix("#x") || entity.hasPrefix("#X")
        let digits = entity.dropFirst(hex ? 2 : 1)
        if entity.hasPrefix("#"), let v = UInt32(digits, radix: hex ? 16 : 10),
          let scalar = Unicode.Scalar(v)
        {
          out.unicodeScalars.append(scalar)
        } else {
          out += rest[amp...semi]
        }
      }
      rest = rest[rest.index(after: semi)...]
    }
    return out + rest
  }
}
