import CreditData

#if canImport(Glibc)
  import Glibc
#endif

/// Loads the history file at `path` `repetitions` times and prints its size, row count, the
/// median wall time and the throughput in MB/s (10^6 bytes per second, file read included).
///
/// - Throws: `DataError` when the file cannot be loaded.
func runReadBenchmark(path: String, repetitions: Int) throws {
  var st = stat()
  guard stat(path, &st) == 0 else {
    throw DataError(.io, file: path, message: "cannot open: \(String(cString: strerror(errno)))")
  }
  let bytes = Double(st.st_size)
  var seconds: [Double] = []
  var rows = 0
  for _ in 0..<max(repetitions, 1) {
    let t0 = monotonicSeconds()
    let history = try HistoryLoader.load(path: path)
    seconds.append(monotonicSeconds() - t0)
    rows = history.count
  }
  seconds.sort()
  let median = seconds[seconds.count / 2]
  let mbps = bytes / 1e6 / median
  print("read \(path)")
  print("  file size   \(Int(bytes)) bytes (\(formatted(bytes / 1e6, 1)) MB)")
  print("  rows        \(rows)")
  print("  median      \(formatted(median, 3)) s over \(seconds.count) runs")
  print("  throughput  \(formatted(mbps, 1)) MB/s")
}

private func monotonicSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

private func formatted(_ x: Double, _ decimals: Int) -> String {
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let r = (x * scale).rounded() / scale
  var s = "\(r)"
  if let dot = s.firstIndex(of: ".") {
    let have = s.distance(from: dot, to: s.endIndex) - 1
    if have < decimals { s += String(repeating: "0", count: decimals - have) }
  } else if decimals > 0 {
    s += "." + String(repeating: "0", count: decimals)
  }
  return s
}
