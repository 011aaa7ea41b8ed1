import ArgumentParser
import CreditData
import CreditEngine
import CreditModels
import CreditReport

extension CreditRisk {
  struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Train from shard statistics: add up the shards' statistics and take the next step.",
      discussion: """
        Training on a history split by customer (train --shard i/n on each shard) goes in \
        rounds. Without --state, writes the first round's state (the as-of date and training \
        settings) to --state-out. With --state and the shards' statistics files, adds the \
        statistics up, takes the round's step (the population counts, the feature scaling, \
        one Newton step of each model, or the final model) and writes the next state; when \
        the fits have converged it writes the model to --model. Repeat until it says done.
        """)

    @Option(help: "The current training state (omit to start a training).")
    var state: String?

    @Argument(help: "The shards' statistics files (from train --shard ... --stats-out).")
    var stats: [String] = []

    @Option(help: "Where to write the next state.")
    var stateOut: String

    @Option(help: "Where to write the model JSON once the training is done.")
    var model: String?

    @Option(help: "Starting a training: the as-of date (YYYY-MM-DD) every shard uses.")
    var asOf: String?

    @OptionGroup(title: "Starting a training") var settings: TrainingSettingsOptions

    func validate() throws {
      if state == nil {
        guard let asOf else { throw ValidationError("starting a training needs --as-of") }
        try OptionRange.checkDate("--as-of", asOf)
        guard stats.isEmpty else {
          throw ValidationError("statistics files need the --state they were computed for")
        }
      } else if stats.isEmpty {
        throw ValidationError("--state needs the shards' statistics files")
      }
    }

    func run() throws {
      // A state written over the --state it was read from updates it: not refused.
      try DistinctPaths.check(
        outputs: [("--model", model), ("--state-out", stateOut)],
        inputs: stats.map { ("a statistics file", $0) })
      try DistinctPaths.check(outputs: [("--model", model)], inputs: [("--state", state)])
      try OutputPlaces.check(files: [model, stateOut])
      guard let statePath = state else {
        guard let day = asOf.flatMap({ Day(iso: $0) }) else { return }
        try ShardTrainingFiles.write(
          ShardTrainingState(asOf: day, options: settings.options), to: stateOut)
        print("training state as of \(day) -> \(stateOut); next: the population round")
        return
      }
      var current = try ShardTrainingFiles.state(
        try CSVReader.readFile(path: statePath), path: statePath)
      let shards = try stats.flatMap { path in
        let read = try ShardTrainingFiles.statistics(try CSVReader.readFile(path: path), path: path)
        // A shell redirect creates the file even when the shard's run fails.
        guard !read.isEmpty else {
          throw CommandError(
            "\(path): holds no statistics (an empty file: did its train --shard fail?); run that shard again"
          )
        }
        return read
      }
      let round = current.stage
      try current.absorb(shards)
      if let trained = current.model {
        guard let model else {
          throw ValidationError("the training is done: give --model FILE for the model")
        }
        for n in try ModelFile.write(trained, to: model) { note("warning: \(n)") }
        for w in trained.warnings { note("warning: \(w)") }
      }
      try ShardTrainingFiles.write(current, to: stateOut)
      print(
        "\(round.rawValue) round of \(shards.count) shards added -> \(stateOut); "
          + (current.isDone
            ? "done after \(current.rounds) rounds, model written to \(model ?? "")"
            : "next: the \(current.stage.rawValue) round"))
    }
  }
}
