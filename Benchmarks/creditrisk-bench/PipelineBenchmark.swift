import CreditData
import CreditEngine
import CreditReport
import CreditSimulation
import Dispatch
import LinearAlgebra

/// The rows of the pipeline table, in order: one per stage of `train` + `score`.
private let stageNames = [
  "read", "features", "fit logistic + Cox + Weibull", "metrics", "score", "write",
]

/// Simulates a history of each size and times `train` + `score` on it, stage by stage.
///
/// For each size a history with one customer per 50 invoices is simulated (seed 1) into a
/// temporary folder. Each repetition then runs, in this process, what the CLI runs:
///
/// - read: the history (bytes, parse, content hash) and customers files into a `Portfolio`;
/// - features, fit logistic + Cox + Weibull (side by side), metrics: `Trainer.train`'s
///   stages;
/// - score: `Scorer.score` on the same portfolio;
/// - write: the model JSON (written and read back) and the six score CSVs.
///
/// Then the real binary runs `creditrisk train` and `creditrisk score` as child processes,
/// `repetitions` times each, for the whole-process wall time and peak RSS (the child's own
/// `ru_maxrss`). Medians are printed; the 1-minute load average is printed before and after
/// so a busy machine shows.
///
/// - Parameter afterSimulating: called with the largest history's path while it still exists.
func runPipelineBenchmark(
  sizes: [Int], repetitions: Int, afterSimulating: ((String) throws -> Void)? = nil
) throws {
  let load = machineLoad()
  print(
    "pipeline: train + score, medians of \(repetitions) runs, \(BLAS.backend), "
      + "\(load.cores) cores, load average \(fixed(load.load1, 2)) at start")
  var columns: [[String: Double]] = []
  var processes: [ProcessRun] = []
  let folder = makeTemporaryDirectory("creditrisk-bench")
  defer { removeTree(folder) }
  var largest: String?
  for (index, size) in sizes.enumerated() {
    let dir = folder + "/" + shortCount(size)
    let t0 = now()
    let simulated = try Simulator(
      SimulationConfiguration(customerCount: max(size / 50, 10), invoiceCount: size, seed: 1)
    ).generate()
    try simulated.write(to: dir)
    let history = dir + "/history.csv"
    let customers = dir + "/customers.csv"
    printProgress("simulated \(shortCount(size)) invoices in \(fixed(now() - t0, 1)) s")

    var times: [String: [Double]] = [:]
    for _ in 0..<repetitions {
      let stages = try timePipeline(history: history, customers: customers, scratch: dir)
      for (name, seconds) in stages { times[name, default: []].append(seconds) }
    }
    columns.append(times.mapValues(medianOf))

    processes.append(try measureProcesses(invoices: size, dir: dir, repetitions: repetitions))
    if index == sizes.count - 1 { largest = history } else { removeTree(dir) }
  }

  // MARK: Table
  let labelWidth = 24
  let width = 10
  var header = padRight("stage (ms)", labelWidth)
  for size in sizes { header += padLeft(shortCount(size), width) }
  print(header)
  for name in stageNames {
    var line = padRight(name, labelWidth)
    for c in columns { line += padLeft(fixed((c[name] ?? .nan) * 1e3, 1), width) }
    print(line)
  }
  var line = padRight("total in process", labelWidth)
  for c in columns { line += padLeft(fixed(c["total"].map { $0 * 1e3 } ?? .nan, 1), width) }
  print(line)
  print("")
  printScalingTable(processes)
  print("load average \(fixed(machineLoad().load1, 2)) at end")
  if let largest { try afterSimulating?(largest) }
}

/// One in-process run of train + score; seconds per stage plus "total".
private func timePipeline(
  history: String, customers: String, scratch: String
) throws -> [String: Double] {
  var times: [String: Double] = [:]
  let start = now()
  var mark = start
  func lap(_ name: String) {
    let t = now()
    times[name, default: 0] += t - mark
    mark = t
  }

  // read: what HistoryOptions.loadPortfolio does (the customers file on another thread
  // while the history is mapped, parsed and hashed).
  nonisolated(unsafe) var info: Result<[String: CustomerInfo], any Error> = .success([:])
  let customersRead = DispatchGroup()
  DispatchQueue.global().async(group: customersRead) {
    info = Result { CustomerInfo.byID(try CustomerLoader.load(path: customers)) }
  }
  let loaded = Result { try HistoryLoader.loadHashed(path: history) }
  customersRead.wait()
  let (invoices, hash) = try loaded.get()
  let portfolio = Portfolio(history: invoices, customers: try info.get())
  lap("read")

  var options = TrainingOptions()
  options.inputHash = hash
  var current: String?
  let names: [TrainingStage: String] = [
    .features: "features", .models: "fit logistic + Cox + Weibull",
    .metrics: "metrics",
  ]
  let trained = try Trainer(options: options).train(portfolio) { stage in
    if let current { lap(current) }
    current = names[stage]
  }
  if let current { lap(current) }

  try ModelFile.write(trained, to: scratch + "/model.json")
  let model = try ModelFile.read(path: scratch + "/model.json")
  lap("write")
  let result = Scorer(model: model).score(portfolio)
  lap("score")
  let out = scratch + "/out"
  _ = runProcess("/bin/mkdir", ["-p", out])
  mark = now()
  try ScoreFiles.write(result, to: out)
  lap("write")
  times["total"] = now() - start
  return times
}

/// A benchmark that could not run.
struct BenchmarkError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
