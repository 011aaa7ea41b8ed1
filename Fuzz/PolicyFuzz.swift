// libFuzzer entry for the credit-policy loader (`--policy`).
//
// Every input must either be refused (a decoding error or `PolicyError`) or give a policy
// whose grades, points and limits are defined for any PD and whose scores of the sample are
// finite with the sample's model.

import CreditEngine
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func policyFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Data(UnsafeBufferPointer(start: data, count: size))
  do {
    let policy = try JSONDecoder().decode(CreditPolicy.self, from: bytes)
    for pd in [0, 1e-300, 1e-6, 0.02, 0.5, 1 - 1e-12, 1] {
      _ = policy.grade(pd: pd)
      _ = policy.points(pd: pd)
    }
    for limit in [0, 99.0, 12_345.0, 1e15] {
      precondition(policy.roundLimit(limit).isFinite)
    }
    requireFiniteScores(model: fuzzModel, policy: policy)
  } catch {
    requireSettingsRefusal(error)
  }
  return 0
}
