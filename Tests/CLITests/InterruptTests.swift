import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A run interrupted by Ctrl-C (SIGINT) or `kill` (SIGTERM) while it writes its outputs
/// leaves nothing beside them, and each output holds the previous or the new version.
@Suite("Interrupted runs leave no temporary outputs", .serialized)
struct InterruptTests {
  /// The files directly in `folder`, by name.
  private func contents(of folder: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      files[name] = FileManager.default.contents(atPath: folder + "/" + name)
    }
    return files
  }

  /// A signal at every step of publishing leaves only the outputs, each one run's version.
  ///
  /// Before, a score run interrupted while publishing left `out.tmp-PID` (the new set, or
  /// the previous one being removed) and `w.xlsx.tmp-PID` beside the outputs until the next
  /// run into the same place. Now the signal is taken at every step, with and without the
  /// folder swap's fallback: the run ends by the signal (or had finished), only `out` and
  /// `w.xlsx` are left, and `out` holds one run's complete set.
  @Test(arguments: [(SIGINT, false), (SIGINT, true), (SIGTERM, false)])
  func aSignalAtEveryStepLeavesNothingBeside(signal: Int32, withoutExchange: Bool) throws {
    let model = try #require(CLI.baseModel)
    let scratch = try ScratchFolder("interrupt")
    let root = scratch.path
    func score(_ history: String, into folder: String) -> [String] {
      [
        "score", "--history", CLI.badFixtures + "/" + history, "--model", model, "--out",
        folder + "/out", "--xlsx", folder + "/w.xlsx",
      ]
    }
    var sets: [[String: Data]] = []
    for name in ["ref0", "ref1", "run"] {
      try FileManager.default.createDirectory(
        atPath: root + "/" + name, withIntermediateDirectories: false)
    }
    for (k, history) in ["valid-small.csv", "one-invoice-customer.csv"].enumerated() {
      let run = try CLI.run(score(history, into: root + "/ref\(k)"), in: root)
      try #require(run.status == 0, "\(run.stderr)")
      sets.append(try contents(of: root + "/ref\(k)/out"))
    }
    var environment = ProcessInfo.processInfo.environment
    if withoutExchange { environment["CREDITRISK_NO_RENAME_EXCHANGE"] = "1" }
    environment["CREDITRISK_KILL_SIGNAL"] = String(signal)
    let folder = root + "/run"
    var step = 1
    while step < 40 {
      let first = try CLI.run(score("valid-small.csv", into: folder), in: root)
      try #require(first.status == 0, "\(first.stderr)")
      environment["CREDITRISK_KILL_AT_STEP"] = String(step)
      let run = try CLI.run(
        score("one-invoice-customer.csv", into: folder), in: root, environment: environment)
      let finished = !run.signaled && run.status == 0
      #expect(finished || (run.signaled && run.status == signal), "step \(step): \(run.stderr)")
      let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
      #expect(left == ["out", "w.xlsx"], "interrupted at step \(step)")
      let out = try contents(of: folder + "/out")
      #expect(out == sets[0] || out == sets[1], "interrupted at step \(step): a mixed set")
      if finished { break }
      step += 1
    }
    #expect(step > 8, "only \(step) steps")
  }
}
