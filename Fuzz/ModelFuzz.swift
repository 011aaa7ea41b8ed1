// libFuzzer entry for the model-file loader (`ModelFile.decode`).
//
// Every input must either be refused with a `ModelFileError` or load into a model that
// scores the sample with finite numbers in all six outputs: the range checks on load
// (`TrainedModel.rangeProblem`) are what keep scoring finite, so a model that passes them
// and still gives NaN or infinity is a finding.

import CreditEngine
import CreditReport

@_cdecl("LLVMFuzzerTestOneInput")
public func modelFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  do {
    let model = try ModelFile.decode(bytes, path: "fuzz.json")
    requireFiniteScores(model: model)
  } catch let error as ModelFileError {
    requireUsableMessage(error)
  } catch {
    preconditionFailure("unexpected error type: \(error)")
  }
  return 0
}
