import Foundation

/// A value of a settings file that has the wrong type for its key, in words.
///
/// Foundation's decoder names types as Swift spells them (`Array<Any>`) and calls a number
/// that does not fit a whole-number key "not valid JSON" without saying where; these say
/// which key and what it takes.
enum SettingsMisfit {
  /// The first number of the settings `bytes` that a whole-number key cannot take (a
  /// fraction, or one too far from zero), found by decoding each top-level key alone with
  /// one number at a time set to 0: `key 'steps[1].daysFromDue': 7.5 is not a whole number`,
  /// with the key path (`steps[1].daysFromDue`).
  static func find<T: Decodable>(_ type: T.Type, in bytes: [UInt8]) -> (
    key: String, message: String
  )? {
    guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(bytes))
    else { return nil }
    for key in object.keys.sorted() {
      guard let value = object[key], !decodes(T.self, [key: value]) else { continue }
      for (path, x) in numbers(in: value, at: [key]) where !fitsInt(x) {
        guard decodes(T.self, [key: zeroed(value, at: path.dropFirst())]) else { continue }
        let place = "key '\(path.joined())'"
        if x == x.rounded() {
          return (
            path.joined(),
            "\(place): \(x) is too far from zero for a whole number; expected a whole "
              + "number in the key's range"
          )
        }
        return (path.joined(), "\(place): \(x) is not a whole number; expected a whole number")
      }
      return (key, "key '\(key)': the value does not have the type the key takes")
    }
    return nil
  }

  /// A type mismatch in words: `expected a whole number, found text`.
  static func mismatch(_ type: Any.Type, _ debugDescription: String) -> String {
    let name = String(describing: type)
    let expected =
      switch name {
      case "Int": "a whole number"
      case "Double": "a number"
      case "String": "text in double quotes"
      case "Bool": "true or false"
      case _ where name.hasPrefix("Array"): "a list in [ ]"
      case _ where name.hasPrefix("Dictionary"): "an object in { }"
      default: name
      }
    // "Expected to decode Double but found a string instead."
    guard let start = debugDescription.range(of: "but found "),
      let end = debugDescription.range(
        of: " instead", range: start.upperBound..<debugDescription.endIndex)
    else { return "expected \(expected)" }
    let found = String(debugDescription[start.upperBound..<end.lowerBound])
    let words =
      [
        "a string": "text", "number": "a number", "bool": "true or false",
        "a dictionary": "an object", "an array": "a list",
      ][found] ?? found
    return "expected \(expected), found \(words)"
  }

  /// Whether `x` converts to an `Int` exactly.
  private static func fitsInt(_ x: Double) -> Bool { Int(exactly: x) != nil }

  /// Whether `object` decodes as `T` without an error at no key (a number that does not fit).
  private static func decodes<T: Decodable>(_ type: T.Type, _ object: [String: JSONValue])
    -> Bool
  {
    guard let data = try? JSONEncoder().encode(object) else { return true }
    do {
      _ = try JSONDecoder().decode(T.self, from: data)
    } catch DecodingError.dataCorrupted(let c) where c.codingPath.isEmpty {
      return false
    } catch {
      return true
    }
    return true
  }

  /// Every number in `value` with its key path as pieces (`steps`, `[1]`, `.daysFromDue`),
  /// in the file's order for lists and key order for objects.
  private static func numbers(in value: JSONValue, at path: [String]) -> [([String], Double)] {
    switch value {
    case .number(let x): return [(path, x)]
    case .array(let items):
      return items.enumerated().flatMap { numbers(in: $1, at: path + ["[\($0)]"]) }
    case .object(let members):
      return members.keys.sorted().flatMap {
        numbers(in: members[$0] ?? .null, at: path + [".\($0)"])
      }
    default: return []
    }
  }

  /// `value` with the number at `path` (pieces after the top-level key) set to 0.
  private static func zeroed(_ value: JSONValue, at path: ArraySlice<String>) -> JSONValue {
    guard let step = path.first else { return .number(0) }
    switch value {
    case .array(var items):
      guard let k = Int(step.dropFirst().dropLast()), items.indices.contains(k) else {
        return value
      }
      items[k] = zeroed(items[k], at: path.dropFirst())
      return .array(items)
    case .object(var members):
      let key = String(step.dropFirst())
      guard let member = members[key] else { return value }
      members[key] = zeroed(member, at: path.dropFirst())
      return .object(members)
    default: return value
    }
  }
}
