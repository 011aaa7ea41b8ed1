/// A JSON value as a settings file holds it, compared by value: what `policy --check`
/// compares and what a settings file's keys are tried one at a time as (`readSettings`).
/// (Foundation's untyped objects compared lists as never equal in the statically linked
/// release build.)
enum JSONValue: Codable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let x = try? c.decode(Bool.self) {
      self = .bool(x)
    } else if let x = try? c.decode(Double.self) {
      self = .number(x)
    } else if let x = try? c.decode(String.self) {
      self = .string(x)
    } else if let x = try? c.decode([JSONValue].self) {
      self = .array(x)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .null: try c.encodeNil()
    case .bool(let x): try c.encode(x)
    case .number(let x): try c.encode(x)
    case .string(let x): try c.encode(x)
    case .array(let x): try c.encode(x)
    case .object(let x): try c.encode(x)
    }
  }
}
