// Shared by the model, policy and ladder fuzzers (`make fuzz`): a small portfolio and a
// model trained on it, once per process, and the check that scoring gives finite outputs.
//
// Compiled into each fuzzer's main module beside its entry file; the creditrisk modules are
// linked as objects built with the same sanitizers.

import CreditData
import CreditEngine
import CreditReport

/// The 120-invoice sample of the malformed-input corpus, read once (the fuzzers run from
/// the repository's root).
let fuzzPortfolio: Portfolio = {
  let bytes = (try? CSVReader.readFile(path: "Tests/Fixtures/bad/valid-small.csv")) ?? []
  guard let history = try? HistoryLoader.parse(bytes: bytes, fileName: "valid-small.csv") else {
    fatalError("run the fuzzers from the repository's root (Tests/Fixtures/bad/valid-small.csv)")
  }
  return Portfolio(history: history)
}()

/// A model trained on `fuzzPortfolio`.
let fuzzModel: TrainedModel = {
  guard let model = try? Trainer().train(fuzzPortfolio) else {
    fatalError("cannot train on Tests/Fixtures/bad/valid-small.csv")
  }
  return model
}()

/// Scores `fuzzPortfolio` and requires every number of the six files to be finite.
func requireFiniteScores(
  model: TrainedModel, policy: CreditPolicy = CreditPolicy(),
  ladder: CollectionsLadder = CollectionsLadder()
) {
  let result = Scorer(model: model, policy: policy, ladder: ladder).score(fuzzPortfolio)
  for file in ScoreFiles.render(result) {
    if let problem = file.writer.nonFiniteProblem(name: file.name) {
      preconditionFailure("a loaded file gave a non-finite output: \(problem)")
    }
  }
}

/// A refusal must be one bounded line once printed (`MessageText`), and say something.
func requireUsableMessage(_ error: any Error) {
  let text = MessageText.oneLine("\(error)")
  precondition(!text.isEmpty && !text.contains("\n"), "unusable message: \(text)")
}

/// A policy or ladder file was refused: it must be refused as bad JSON or a bad setting, each
/// with a usable one-line message; any other error is a finding.
func requireSettingsRefusal(_ error: any Error) {
  switch error {
  case is DecodingError, is PolicyError: requireUsableMessage(error)
  default: preconditionFailure("unexpected error type: \(error)")
  }
}
