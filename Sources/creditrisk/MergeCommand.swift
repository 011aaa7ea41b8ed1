import ArgumentParser
import CreditData
import CreditReport

extension CreditRisk {
  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Put the folders of 'score --shard i/n' together into the score files of one run.",
      discussion:
        "Give every shard's folder once (1/n ... n/n, in any order). The files are the same, byte for byte, as one 'score' run over the whole history writes; the folders must come from one run (same history, model, settings, as-of date and n)."
    )

    @Option(help: "Output folder (created if missing).")
    var out: String

    @Argument(help: ArgumentHelp("The shards' output folders.", valueName: "shard-dir"))
    var shards: [String]

    func run() throws {
      guard !shards.isEmpty else { throw ValidationError("give the shard folders to merge") }
      try DistinctPaths.check(
        outputs: [("--out", out)], inputs: shards.map { ("a shard folder", $0) })
      let progress = Progress()
      progress.stage("reading \(shards.count) shard folders")
      let folders = try shards.map { try ShardFolder.read($0) }
      progress.stage("merging")
      let files = try MergedFiles.render(folders)
      progress.stage("writing \(out)")
      // A shard's shard.json or a run's changes.csv left in --out does not stay beside the
      // merged files.
      for n in try OutputSet.publish(
        files, to: out, superseding: [ShardFolder.partName, ChangesFile.name])
      {
        note("warning: \(n)")
      }
      progress.finish()
      if let unchecked = ShardFolder.uncheckedWarning(folders) { note("warning: \(unchecked)") }
      let invoices = folders.reduce(0) { $0 + $1.part.invoices.historyRow.count }
      let customers = folders.reduce(0) { $0 + $1.part.customers.count }
      print(
        "merged \(folders.count) shards: \(invoices) open invoices, \(customers) customers -> \(out)"
      )
    }
  }
}
