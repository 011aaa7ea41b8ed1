import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Outputs published as one set: what a reader finds in --out after a run killed at any
/// point, after runs into the same --out at once, and what the next run does with leftovers.
@Suite("Publishing a set of outputs", .serialized)
struct PublishTests {
  static let setNames = [
    "aging.csv", "cash_forecast.csv", "credit_limits.csv", "customers.csv",
    "discount_offers.csv", "invoices.csv", "payment_plans.csv", "worklist.csv",
  ]

  /// The six score files of `history` (a fixture), as a reference.
  private func referenceSet(_ history: String, model: String) throws -> [String: Data] {
    let folder = try CLI.temporaryDirectory("reference")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = try CLI.run(["score", "--history", history, "--model", model, "--out", folder + "/o"])
    try #require(run.status == 0, "\(run.stderr)")
    return try contents(of: folder + "/o")
  }

  /// The files directly in `folder`, by name.
  private func contents(of folder: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      out[name] = FileManager.default.contents(atPath: folder + "/" + name)
    }
    return out
  }

  /// Which reference set `folder` holds besides `extra` ("A", "B"), or a description of the
  /// mix it holds.
  private func whichSet(
    _ folder: String, _ sets: [String: [String: Data]], extra: [String: Data]
  ) throws -> String {
    var found = try contents(of: folder)
    for (name, data) in extra {
      guard found.removeValue(forKey: name) == data else { return "\(name) lost or changed" }
    }
    for (label, set) in sets where set == found { return label }
    let mixed = PublishTests.setNames.map { name in
      name + ":" + (sets.first { $0.value[name] == found[name] }?.key ?? "?")
    }
    return "a mix: " + mixed.joined(separator: " ") + " others: \(found.keys.sorted())"
  }

  private func score(_ history: String, model: String, out: String) -> [String] {
    ["score", "--history", history, "--model", model, "--out", out]
  }

  /// A run of `score` killed after each step of publishing, in turn, over a previous set:
  /// --out holds the previous or the new complete set (and the unrelated file beside them);
  /// the next run reports and removes what the killed one left.
  @Test(arguments: [false, true])
  func killAtEveryStep(withoutExchange: Bool) throws {
    let model = try #require(CLI.baseModel)
    let sets = [
      "A": try referenceSet("valid-small.csv", model: model),
      "B": try referenceSet("one-invoice-customer.csv", model: model),
    ]
    try #require(sets["A"] != sets["B"])
    let root = try CLI.temporaryDirectory("kill")
    defer { try? FileManager.default.removeItem(atPath: root) }
    let out = root + "/out"
    let extra = ["notes.txt": Data("kept\n".utf8)]
    var environment = ProcessInfo.processInfo.environment
    if withoutExchange { environment["CREDITRISK_NO_RENAME_EXCHANGE"] = "1" }
    var step = 1
    var outcomes: [String] = []
    while step < 60 {
      let first = try CLI.run(score("valid-small.csv", model: model, out: out))
      try #require(first.status == 0, "\(first.stderr)")
      try extra["notes.txt"]?.write(to: URL(fileURLWithPath: out + "/notes.txt"))
      environment["CREDITRISK_KILL_AT_STEP"] = String(step)
      let killed = try CLI.run(
        score("one-invoice-customer.csv", model: model, out: out), environment: environment)
      let finished = !killed.signaled && killed.status == 0
      #expect(finished || (killed.signaled && killed.status == SIGKILL), "\(killed.stderr)")
      if FileManager.default.fileExists(atPath: out) {
        let holds = try whichSet(out, sets, extra: extra)
        #expect(holds == "A" || holds == "B", "killed at step \(step): \(holds)")
        outcomes.append(holds)
      } else {
        // Only between the two renames of the fallback, and only until the next run.
        #expect(withoutExchange, "killed at step \(step): --out is missing")
        outcomes.append("missing")
      }
      if finished { break }
      // The next run cleans up: nothing of the killed run is left beside --out or in it.
      let next = try CLI.run(score("valid-small.csv", model: model, out: out))
      #expect(next.status == 0, "\(next.stderr)")
      #expect(try whichSet(out, sets, extra: extra) == "A")
      #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["out"])
      let notes = next.stderrLines.filter { $0.hasPrefix("warning: ") }
      #expect(notes.allSatisfy { $0.contains("left by an interrupted run") }, "\(notes)")
      step += 1
    }
    // Every step was reached and the last run finished with the new set.
    #expect(step > 8, "only \(step) steps: \(outcomes)")
    #expect(outcomes.last == "B")
    #expect(outcomes.contains("A"))
  }

  /// Several runs into one --out at once: each waits for the lock; --out ends with one
  /// complete set, whichever came last.
  @Test func concurrentRunsNeverMix() throws {
    let model = try #require(CLI.baseModel)
    let sets = [
      "A": try referenceSet("valid-small.csv", model: model),
      "B": try referenceSet("one-invoice-customer.csv", model: model),
    ]
    let root = try CLI.temporaryDirectory("concurrent")
    defer { try? FileManager.default.removeItem(atPath: root) }
    let out = root + "/out"
    for round in 0..<6 {
      let runs = try (0..<4).map { k in
        try CLI.start(
          score(k % 2 == 0 ? "valid-small.csv" : "one-invoice-customer.csv", model: model, out: out)
        )
      }
      for run in runs {
        let result = try run.wait()
        #expect(result.status == 0 && !result.signaled, "round \(round): \(result.stderr)")
      }
      let holds = try whichSet(out, sets, extra: [:])
      #expect(holds == "A" || holds == "B", "round \(round): \(holds)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["out"])
    }
  }

  /// Runs killed after a random delay while others write the same --out.
  @Test func randomKillsNeverMix() throws {
    let model = try #require(CLI.baseModel)
    let sets = [
      "A": try referenceSet("valid-small.csv", model: model),
      "B": try referenceSet("one-invoice-customer.csv", model: model),
    ]
    let root = try CLI.temporaryDirectory("random-kill")
    defer { try? FileManager.default.removeItem(atPath: root) }
    let out = root + "/out"
    var generator = SystemRandomNumberGenerator()
    for trial in 0..<20 {
      let a = try CLI.start(score("valid-small.csv", model: model, out: out))
      let b = try CLI.start(score("one-invoice-customer.csv", model: model, out: out))
      usleep(UInt32.random(in: 0..<250_000, using: &generator))
      b.kill()
      _ = try a.wait()
      _ = try b.wait()
      if FileManager.default.fileExists(atPath: out) {
        let holds = try whichSet(out, sets, extra: [:])
        #expect(holds == "A" || holds == "B", "trial \(trial): \(holds)")
      }
    }
  }
}
