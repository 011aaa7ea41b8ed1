#if canImport(Glibc)
  import Glibc
#endif

// MARK: - Clocks and statistics

/// Seconds on the monotonic clock.
func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// The median (mean of the middle two for an even count); NaN for no values.
func medianOf(_ values: [Double]) -> Double {
  guard !values.isEmpty else { return .nan }
  let s = values.sorted()
  let m = s.count / 2
  return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

/// `x` with exactly `decimals` digits after the point (no locale, no exponent).
func fixed(_ x: Double, _ decimals: Int) -> String {
  guard x.isFinite else { return "-" }
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let scaled = Int((abs(x) * scale).rounded())
  let whole = scaled / Int(scale)
  var s = (x < 0 && scaled != 0 ? "-" : "") + String(whole)
  if decimals > 0 {
    let frac = String(scaled % Int(scale))
    s += "." + String(repeating: "0", count: decimals - frac.count) + frac
  }
  return s
}

/// `s` right-aligned in `width` columns.
func padLeft(_ s: String, _ width: Int) -> String {
  String(repeating: " ", count: max(0, width - s.count)) + s
}

/// `s` left-aligned in `width` columns.
func padRight(_ s: String, _ width: Int) -> String {
  s + String(repeating: " ", count: max(0, width - s.count))
}

/// 10000 -> "10k", 1000000 -> "1M".
func shortCount(_ n: Int) -> String {
  if n >= 1_000_000, n % 1_000_000 == 0 { return "\(n / 1_000_000)M" }
  if n >= 1_000, n % 1_000 == 0 { return "\(n / 1_000)k" }
  return String(n)
}

// MARK: - Machine state

/// The 1-minute load average and the number of online cores, to judge timing noise.
func machineLoad() -> (load1: Double, cores: Int) {
  var loads = [Double](repeating: 0, count: 3)
  let got = getloadavg(&loads, 3)
  return (got > 0 ? loads[0] : .nan, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}

/// This process's peak resident set size in MiB.
func selfPeakRSS() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024
}

// MARK: - Subprocesses

/// What running a program cost: wall time, CPU time (user + system), peak RSS, exit status.
struct ProcessCost {
  var seconds: Double
  var cpuSeconds: Double = .nan
  var peakRSSMiB: Double
  var status: Int32
}

/// Runs `path` with `arguments` (stdout and stderr to /dev/null) and measures it.
///
/// The peak RSS comes from `/usr/bin/time -f %M` when it exists. `wait4`'s `ru_maxrss` of a
/// child started by `posix_spawn` (vfork semantics) also counts this process's own peak at the
/// child's `exec`, which after the in-process runs is hundreds of MiB; it is the fallback only.
func runProcess(_ path: String, _ arguments: [String]) -> ProcessCost {
  let timeTool = "/usr/bin/time"
  let useTime = access(timeTool, X_OK) == 0
  let report = makeTemporaryDirectory("creditrisk-bench-rss") + "/rss"
  defer { removeFile(report) }
  let command =
    useTime ? [timeTool, "-f", "%M", "-o", report, path] + arguments : [path] + arguments
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
  defer { for a in argv { free(a) } }
  var pid = pid_t()
  let start = now()
  let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
  guard spawned == 0 else { return ProcessCost(seconds: .nan, peakRSSMiB: .nan, status: -1) }
  var status: Int32 = 0
  var usage = rusage()
  while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
  let seconds = now() - start
  let exited = (status & 0x7f) == 0
  var rssKiB = Double(usage.ru_maxrss)
  if useTime, let text = readSmallFile(report),
    let kib = Double(text.split(separator: "\n").last(where: { !$0.isEmpty }) ?? "")
  {
    rssKiB = kib
  }
  let cpu = [usage.ru_utime, usage.ru_stime].reduce(0.0) {
    $0 + Double($1.tv_sec) + Double($1.tv_usec) * 1e-6
  }
  return ProcessCost(
    seconds: seconds, cpuSeconds: cpu, peakRSSMiB: rssKiB / 1024,
    status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f))
}

/// The contents of a small text file, or nil.
func readSmallFile(_ path: String) -> String? {
  guard let f = fopen(path, "r") else { return nil }
  defer { fclose(f) }
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 4096)
  while true {
    let n = fread(&buffer, 1, buffer.count, f)
    if n <= 0 { break }
    bytes += buffer[0..<n]
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// Deletes a file and its (temporary) folder.
func removeFile(_ path: String) {
  unlink(path)
  if let slash = path.lastIndex(of: "/") { rmdir(String(path[..<slash])) }
}

/// The folder this executable lives in (where `swift build` also put `creditrisk`).
func executableDirectory() -> String {
  var buffer = [CChar](repeating: 0, count: 4096)
  let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
  let path =
    n > 0
    ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    : CommandLine.arguments[0]
  guard let slash = path.lastIndex(of: "/") else { return "." }
  return String(path[..<slash])
}

/// A fresh temporary folder.
func makeTemporaryDirectory(_ prefix: String) -> String {
  let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
  var template = Array((base + "/" + prefix + ".XXXXXX").utf8CString)
  guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed: \(errno)") }
  return String(cString: made)
}

/// Deletes a folder tree made by the benchmark (`rm -rf`).
func removeTree(_ path: String) {
  _ = runProcess("/bin/rm", ["-rf", path])
}

/// SplitMix64: the benchmarks' seeded source of synthetic data.
struct SplitMix64 {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  /// 53 random bits as a double in (0, 1).
  mutating func uniform() -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return (Double(z >> 11) + 0.5) * 0x1p-53
  }

  /// A standard normal draw (Box-Muller).
  mutating func normal() -> Double {
    (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
  }
}
