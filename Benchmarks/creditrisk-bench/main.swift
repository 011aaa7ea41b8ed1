import LinearAlgebra

#if canImport(Glibc)
  import Glibc
#endif

// creditrisk-bench all | pipeline [--sizes 10000,100000,1000000] [--repetitions 3]
//                  | scale [--sizes 1000000,10000000,100000000] [--repetitions 1]
//                  | read FILE [--repetitions 5] | gram | logistic | cox | weibull
//                  | metrics [--repetitions 9] | decisions --history H --model M ...

let usage = """
  usage: creditrisk-bench <benchmark> [options]

    all                      pipeline at the default sizes, read (1M file), gram, logistic, cox,
                             weibull, metrics
    pipeline [--sizes 10000,100000,1000000] [--repetitions 3]
                             simulate, then time train + score stage by stage and as processes
    scale [--sizes 1000000,10000000,100000000] [--repetitions 1]
                             train and score as processes on histories of each size (written in
                             simulated blocks of 1M invoices): wall time, peak RSS, bytes per
                             invoice and the ratio to the previous size
    read FILE [--repetitions 5]
                             history loading throughput
    gram                     XᵀX and XᵀWX of a 1,000,000 x 32 design: one dsyrk vs parallel chunks
    logistic                 logistic regression on a 1,000,000 x 32 random design
    cox                      Cox PH on 1,000,000 rows x 16 features, ~100 distinct event days
    weibull                  Weibull AFT on 1,000,000 rows x 21 features (intercept + 20)
    metrics [--repetitions 9]
                             concordance index and AUC on 1,000,000 rows (whole-day durations
                             0..730, ~10% censored, continuous and tied scores)
    decisions --history H --model M [--customers C] [--fx RATES] [--as-of D]
                             score in process and count decisions that contradict the data
                             (scripts/check-decisions.sh); exit 1 when any count is not 0
  """

/// Prints a progress line to stderr when it is a terminal.
func printProgress(_ message: String) {
  guard isatty(2) != 0 else { return }
  let bytes = Array((message + "\n").utf8)
  bytes.withUnsafeBytes { raw in _ = write(2, raw.baseAddress, raw.count) }
}

func fail(_ message: String) -> Never {
  let bytes = Array(("creditrisk-bench: " + message + "\n").utf8)
  bytes.withUnsafeBytes { raw in _ = write(2, raw.baseAddress, raw.count) }
  exit(2)
}

/// `--name value` options and positional arguments.
struct Arguments {
  var positional: [String] = []
  var options: [String: String] = [:]

  init(_ raw: ArraySlice<String>) {
    var i = raw.startIndex
    while i < raw.endIndex {
      let a = raw[i]
      if a.hasPrefix("--") {
        guard i + 1 < raw.endIndex else { fail("\(a) needs a value\n\n\(usage)") }
        options[String(a.dropFirst(2))] = raw[i + 1]
        i += 2
      } else {
        positional.append(a)
        i += 1
      }
    }
  }

  func integer(_ name: String, default value: Int) -> Int {
    guard let text = options[name] else { return value }
    guard let n = Int(text), n > 0 else { fail("--\(name) must be a positive integer") }
    return n
  }

  func sizes(default sizes: [Int] = [10_000, 100_000, 1_000_000]) -> [Int] {
    guard let text = options["sizes"] else { return sizes }
    let sizes = text.split(separator: ",").compactMap { Int($0.filter { $0 != "_" }) }
    guard !sizes.isEmpty, sizes.count == text.split(separator: ",").count,
      sizes.allSatisfy({ $0 >= 100 })
    else {
      fail("--sizes must be a comma-separated list of invoice counts >= 100")
    }
    return sizes
  }
}

// As in `creditrisk`: stop OpenBLAS's idle workers before anything is timed.
BLAS.useSingleThreadedKernels()
let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail(usage) }
let args = Arguments(arguments.dropFirst(2))
do {
  switch arguments[1] {
  case "all":
    try runPipelineBenchmark(
      sizes: args.sizes(), repetitions: args.integer("repetitions", default: 3)
    ) { largest in
      print("")
      try runReadBenchmark(path: largest, repetitions: 5)
    }
    print("")
    runGramBenchmark()
    print("")
    runLogisticBenchmark()
    print("")
    runCoxBenchmark()
    print("")
    runWeibullBenchmark()
    print("")
    runMetricsBenchmark()
  case "pipeline":
    try runPipelineBenchmark(
      sizes: args.sizes(), repetitions: args.integer("repetitions", default: 3))
  case "scale":
    try runScaleBenchmark(
      sizes: args.sizes(default: [1_000_000, 10_000_000, 100_000_000]),
      repetitions: args.integer("repetitions", default: 1))
  case "read":
    guard let path = args.positional.first else { fail("read needs a FILE\n\n\(usage)") }
    try runReadBenchmark(path: path, repetitions: args.integer("repetitions", default: 5))
  case "logistic":
    runLogisticBenchmark()
  case "gram":
    runGramBenchmark()
  case "cox":
    runCoxBenchmark()
  case "weibull":
    runWeibullBenchmark()
  case "metrics":
    runMetricsBenchmark(repetitions: args.integer("repetitions", default: 9))
  case "decisions":
    try runDecisionsCheck(args)
  case "-h", "--help", "help":
    print(usage)
  default:
    fail("unknown benchmark '\(arguments[1])'\n\n\(usage)")
  }
} catch {
  fail("\(error)")
}
