import CreditSimulation

#if canImport(Glibc)
  import Glibc
#endif

/// The whole-process cost of `creditrisk train` and `creditrisk score` on one history.
struct ProcessRun {
  var invoices: Int
  /// The history file's size in bytes.
  var fileBytes: Int
  /// Medians over the repetitions.
  var trainSeconds: Double
  var scoreSeconds: Double
  /// Medians of the CPU time (user + system over every thread), less sensitive to the
  /// machine's load than the wall time.
  var trainCPU = Double.nan
  var scoreCPU = Double.nan
  /// Largest peak RSS over the repetitions, MiB.
  var trainRSS: Double
  var scoreRSS: Double
}

/// Runs the real `creditrisk train` and `creditrisk score` binaries on the simulated files in
/// `dir` (`history.csv`, `customers.csv`, `fx-rates.csv`), `repetitions` times each, for the
/// whole-process wall time and peak RSS.
func measureProcesses(invoices: Int, dir: String, repetitions: Int) throws -> ProcessRun {
  let binary = executableDirectory() + "/creditrisk"
  let history = dir + "/history.csv"
  let inputs = ["--history", history, "--customers", dir + "/customers.csv"]
  let rates = ["--fx", dir + "/fx-rates.csv"]
  var st = stat()
  _ = stat(history, &st)
  var run = ProcessRun(
    invoices: invoices, fileBytes: Int(st.st_size), trainSeconds: .nan, scoreSeconds: .nan,
    trainRSS: 0, scoreRSS: 0)
  var train: [Double] = []
  var score: [Double] = []
  var trainCPU: [Double] = []
  var scoreCPU: [Double] = []
  for _ in 0..<max(repetitions, 1) {
    let trained = runProcess(binary, ["train"] + inputs + rates + ["--model", dir + "/p.json"])
    guard trained.status == 0 else {
      throw BenchmarkError("\(binary) train failed (status \(trained.status)) on \(history)")
    }
    let scored = runProcess(
      binary,
      ["score", "--model", dir + "/p.json"] + inputs + rates + ["--out", dir + "/process-out"])
    guard scored.status == 0 else {
      throw BenchmarkError("\(binary) score failed (status \(scored.status)) on \(history)")
    }
    train.append(trained.seconds)
    score.append(scored.seconds)
    trainCPU.append(trained.cpuSeconds)
    scoreCPU.append(scored.cpuSeconds)
    run.trainRSS = max(run.trainRSS, trained.peakRSSMiB)
    run.scoreRSS = max(run.scoreRSS, scored.peakRSSMiB)
    removeTree(dir + "/process-out")
  }
  run.trainSeconds = medianOf(train)
  run.scoreSeconds = medianOf(score)
  run.trainCPU = medianOf(trainCPU)
  run.scoreCPU = medianOf(scoreCPU)
  return run
}

/// Prints the scaling curve: for each size, train and score wall time and peak RSS, the
/// CPU time, the peak's bytes per invoice, and the ratio of each to the previous size's.
func printScalingTable(_ runs: [ProcessRun]) {
  let labelWidth = 28
  let width = 11
  func row(_ label: String, _ values: [String]) {
    print(padRight(label, labelWidth) + values.map { padLeft($0, width) }.joined())
  }
  func ratio(_ value: (ProcessRun) -> Double) -> [String] {
    runs.indices.map { $0 == 0 ? "" : fixed(value(runs[$0]) / value(runs[$0 - 1]), 2) + "x" }
  }
  let wall = { (r: ProcessRun) in r.trainSeconds + r.scoreSeconds }
  let cpu = { (r: ProcessRun) in r.trainCPU + r.scoreCPU }
  let peak = { (r: ProcessRun) in max(r.trainRSS, r.scoreRSS) }
  row("invoices", runs.map { shortCount($0.invoices) })
  row("history file (MB)", runs.map { fixed(Double($0.fileBytes) / 1e6, 0) })
  row("train wall (s)", runs.map { fixed($0.trainSeconds, 3) })
  row("train peak RSS (MiB)", runs.map { fixed($0.trainRSS, 0) })
  row("score wall (s)", runs.map { fixed($0.scoreSeconds, 3) })
  row("score peak RSS (MiB)", runs.map { fixed($0.scoreRSS, 0) })
  row("train + score wall (s)", runs.map { fixed(wall($0), 3) })
  row("train + score CPU (s)", runs.map { fixed(cpu($0), 3) })
  row("peak RSS per invoice (B)", runs.map { fixed(peak($0) * 1_048_576 / Double($0.invoices), 0) })
  row("wall / previous size", ratio(wall))
  row("CPU / previous size", ratio(cpu))
  row("peak RSS / previous size", ratio(peak))
}

/// `train` and `score` as processes on simulated histories of each size: the scaling curve.
///
/// Each history is written in blocks of at most 1M invoices (`writeBlockHistory`), so the
/// benchmark's own memory stays that of one block whatever the size. Files go to `$TMPDIR`
/// (or /tmp) and are deleted after their size is measured: a 100M history is about 10 GB.
/// A size whose memory or disk would not fit, judged from the size before it, is skipped
/// with the reason, and so are the larger ones.
func runScaleBenchmark(sizes: [Int], repetitions: Int) throws {
  let load = machineLoad()
  print(
    "scale: creditrisk train and score as processes, medians of \(repetitions) runs, "
      + "\(load.cores) cores, load average \(fixed(load.load1, 2)) at start")
  let folder = makeTemporaryDirectory("creditrisk-scale")
  defer { removeTree(folder) }
  var runs: [ProcessRun] = []
  for size in sizes {
    if let last = runs.last, let skip = reasonToSkip(size, after: last, folder: folder) {
      print("skipped \(shortCount(size)): \(skip)")
      break
    }
    let dir = folder + "/" + shortCount(size)
    let t0 = now()
    try writeBlockHistory(invoices: size, to: dir)
    printProgress("wrote \(shortCount(size)) invoices in \(fixed(now() - t0, 1)) s")
    runs.append(try measureProcesses(invoices: size, dir: dir, repetitions: repetitions))
    printProgress("ran \(shortCount(size)) at load average \(fixed(machineLoad().load1, 2))")
    removeTree(dir)
  }
  printScalingTable(runs)
  printScalingTargets(runs)
  print("load average \(fixed(machineLoad().load1, 2)) at end")
}

/// Why a size cannot run on this machine, or nil: its peak RSS at the last size's bytes per
/// invoice would not fit in the memory available now (the run would be killed, or push
/// other programs out), or its history (at the last size's bytes per invoice, with a tenth
/// to spare) would not fit on the disk under `folder`.
func reasonToSkip(_ size: Int, after last: ProcessRun, folder: String) -> String? {
  let scale = Double(size) / Double(last.invoices)
  let memory = max(last.trainRSS, last.scoreRSS) * 1_048_576 * scale
  let available = availableMemoryBytes()
  if memory > available {
    return "needs about \(fixed(memory / 1_073_741_824, 1)) GiB of memory at "
      + "\(fixed(memory / Double(size), 0)) bytes per invoice, "
      + "\(fixed(available / 1_073_741_824, 1)) GiB available"
  }
  let disk = Double(last.fileBytes) * scale * 1.1
  var fs = statvfs()
  if statvfs(folder, &fs) == 0, disk > Double(fs.f_bavail) * Double(fs.f_frsize) {
    return "its history needs about \(fixed(disk / 1e9, 1)) GB, "
      + "\(fixed(Double(fs.f_bavail) * Double(fs.f_frsize) / 1e9, 1)) GB free in \(folder)"
  }
  return nil
}

/// `MemAvailable` of /proc/meminfo in bytes (infinity when it cannot be read).
func availableMemoryBytes() -> Double {
  guard let text = readSmallFile("/proc/meminfo"),
    let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
    let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
  else { return .infinity }
  return kib * 1024
}

/// Invoices per simulated block of `writeBlockHistory`.
let blockInvoices = 1_000_000

/// Writes `history.csv`, `customers.csv` and `fx-rates.csv` of `invoices` simulated invoices
/// (one customer per 50) into `dir`, one block of at most `blockInvoices` at a time.
///
/// A history of one block is the simulator's (seed 1, as `pipeline` simulates it). Larger
/// ones are blocks simulated with seeds 1, 2, ... over the same dates, whose invoice and
/// customer ids are prefixed with the block's number, as wide as the last one's
/// (`B01-INV00000001`, `B01-C000021` in a 10M history), so blocks share no customer and the
/// ids still increase through the file.
func writeBlockHistory(invoices: Int, to dir: String) throws {
  let blocks = (invoices + blockInvoices - 1) / blockInvoices
  let digits = String(blocks).count
  _ = runProcess("/bin/mkdir", ["-p", dir])
  let history = try OutputFile(dir + "/history.csv")
  let customers = try OutputFile(dir + "/customers.csv")
  for block in 0..<blocks {
    let size = min(blockInvoices, invoices - block * blockInvoices)
    let simulated = try Simulator(
      SimulationConfiguration(
        customerCount: max(size / 50, 10), invoiceCount: size, seed: UInt64(block + 1))
    ).generate()
    if block == 0 {
      let rates = try OutputFile(dir + "/fx-rates.csv")
      rates.write(simulated.exchangeRatesCSV().bytes)
      try rates.close()
    }
    let number = String(block + 1)
    let prefix =
      blocks == 1
      ? [] : Array(("B" + String(repeating: "0", count: digits - number.count) + number + "-").utf8)
    history.write(prefixingIDs(simulated.historyCSV().bytes, prefix, fields: 2, header: block == 0))
    customers.write(
      prefixingIDs(simulated.customersCSV().bytes, prefix, fields: 1, header: block == 0))
  }
  try history.close()
  try customers.close()
}

/// The CSV `bytes` with `prefix` put before the first `fields` fields of every row after
/// the header, and the header kept only when `header` is true (the simulator's ids are
/// never quoted).
private func prefixingIDs(_ bytes: [UInt8], _ prefix: [UInt8], fields: Int, header: Bool)
  -> [UInt8]
{
  let newline = UInt8(ascii: "\n")
  let comma = UInt8(ascii: ",")
  guard let headerEnd = bytes.firstIndex(of: newline) else { return [] }
  var out: [UInt8] = header ? Array(bytes[...headerEnd]) : []
  if prefix.isEmpty {
    out += bytes[(headerEnd + 1)...]
    return out
  }
  out.reserveCapacity(bytes.count + bytes.count / 16)
  var atField = true
  var field = 0
  for b in bytes[(headerEnd + 1)...] {
    if atField, field < fields { out += prefix }
    out.append(b)
    atField = b == comma || b == newline
    if b == comma { field += 1 } else if b == newline { field = 0 }
  }
  return out
}

/// A file written with `fwrite`, for the benchmark's large outputs.
final class OutputFile {
  private let file: UnsafeMutablePointer<FILE>
  private let path: String

  init(_ path: String) throws {
    self.path = path
    guard let f = fopen(path, "w") else {
      throw BenchmarkError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    file = f
  }

  func write(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, file) }
  }

  /// Closes the file; throws when any write failed (a full disk).
  func close() throws {
    let failed = ferror(file) != 0
    guard fclose(file) == 0, !failed else {
      throw BenchmarkError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }
}
