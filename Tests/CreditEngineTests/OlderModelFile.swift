import Foundation
import Testing

@testable import CreditEngine

extension TrainedModel {
  /// This model read back from its model file without `key`, as a version before the key
  /// existed wrote it; fails the test when the file has no such key.
  func decodedWithout(_ key: String) throws -> TrainedModel {
    var object = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(self)) as? [String: Any])
    try #require(object.removeValue(forKey: key) != nil)
    return try JSONDecoder().decode(
      TrainedModel.self, from: JSONSerialization.data(withJSONObject: object))
  }
}
