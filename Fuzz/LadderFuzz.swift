// libFuzzer entry for the collections-ladder loader (`--ladder`).
//
// Every input must either be refused (a decoding error or `PolicyError`) or give a ladder
// whose next action is defined at every age of an invoice, and whose worklist for the sample
// is finite.

import CreditData
import CreditEngine
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func ladderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Data(UnsafeBufferPointer(start: data, count: size))
  do {
    let ladder = try JSONDecoder().decode(CollectionsLadder.self, from: bytes)
    let asOf = Day.supportedRange.upperBound
    for offset in [-4_000, -90, -1, 0, 1, 45, 4_000] {
      for disputed in [false, true] {
        let step = ladder.nextAction(
          dueDate: asOf.adding(days: offset), asOf: asOf, disputed: disputed)
        precondition(!step.action.isEmpty)
      }
    }
    requireFiniteScores(model: fuzzModel, ladder: ladder)
  } catch {
    requireSettingsRefusal(error)
  }
  return 0
}
