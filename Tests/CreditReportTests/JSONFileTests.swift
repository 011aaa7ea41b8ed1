import Foundation
import Testing

@testable import CreditReport

/// The JSON of the files written and read back: sorted keys, a final newline, and non-finite
/// numbers that survive the round trip as strings.
@Suite struct JSONFileTests {
  struct Value: Codable, Equatable {
    var zeta: Double
    var alpha: [Double]
    var path: String
  }

  @Test func sortsKeysEndsInANewlineAndKeepsNonFiniteNumbers() throws {
    let value = Value(zeta: .infinity, alpha: [-.infinity, 1.5], path: "a/b")
    let bytes = try JSONFile.encode(value, formatting: .withoutEscapingSlashes)
    #expect(
      String(decoding: bytes, as: UTF8.self)
        == "{\"alpha\":[\"-inf\",1.5],\"path\":\"a/b\",\"zeta\":\"inf\"}\n")
    #expect(try JSONFile.decoder().decode(Value.self, from: Data(bytes)) == value)

    let nan = try JSONFile.encode(Value(zeta: .nan, alpha: [], path: "/"), formatting: [])
    #expect(
      String(decoding: nan, as: UTF8.self) == "{\"alpha\":[],\"path\":\"\\/\",\"zeta\":\"nan\"}\n")
    #expect(try JSONFile.decoder().decode(Value.self, from: Data(nan)).zeta.isNaN)
  }

  @Test func prettyPrintsWhenAsked() throws {
    let bytes = try JSONFile.encode(["b": 1.0, "a": 2.0], formatting: .prettyPrinted)
    #expect(String(decoding: bytes, as: UTF8.self) == "{\n  \"a\" : 2,\n  \"b\" : 1\n}\n")
  }
}
