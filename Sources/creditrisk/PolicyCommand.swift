import ArgumentParser
import CreditEngine
import Foundation

extension CreditRisk {
  struct Policy: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the default credit policy or ladder, or check a policy or ladder file.",
      discussion: """
        'creditrisk policy --defaults > policy.json' writes a file with every key of the \
        credit policy at its default: edit it and pass it to score, report, backtest or \
        explain with --policy (unchanged, it gives the same results as no file). With \
        --ladder, the collections ladder instead (--ladder FILE of those commands). \
        'creditrisk policy --check FILE' reads a file as those commands would and says what \
        is wrong with it: an unknown key, or a value outside its range. The README lists \
        every key, its meaning, default and range.
        """)

    @Flag(help: "Print the defaults as a file to copy and edit.")
    var defaults = false

    @Option(help: "Check this policy file (with --ladder, this ladder file).")
    var check: String?

    @Flag(help: "The collections ladder instead of the credit policy.")
    var ladder = false

    func validate() throws {
      if defaults == (check != nil) {
        throw ValidationError("give either --defaults or --check FILE")
      }
    }

    func run() throws {
      if let check {
        if ladder {
          let loaded = try readSettings(CollectionsLadder.self, path: check, kind: "ladder")
          print("\(check): a valid ladder file of \(loaded.steps.count) steps")
        } else {
          let loaded = try readSettings(CreditPolicy.self, path: check, kind: "policy")
          let changed = try Self.changedKeys(loaded, from: CreditPolicy())
          print(
            "\(check): a valid policy file; "
              + (changed.isEmpty
                ? "every value is the default"
                : "differs from the defaults in " + changed.joined(separator: ", ")))
        }
        return
      }
      let text = ladder ? try Self.json(CollectionsLadder()) : try Self.json(CreditPolicy())
      print(text)
    }

    /// Settings as the file `--policy` or `--ladder` reads: indented JSON, keys sorted.
    static func json(_ value: some Encodable) throws -> String {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The keys whose values differ between two policies, in `CreditPolicy.fileKeys` order.
    ///
    /// Each policy is encoded as its file and read back as plain JSON values, compared by
    /// value: lists and objects too (Foundation's untyped objects compared lists as never
    /// equal in the statically linked release build).
    static func changedKeys(_ a: CreditPolicy, from b: CreditPolicy) throws -> [String] {
      let objects = try [a, b].map { policy in
        try JSONDecoder().decode([String: JSONValue].self, from: JSONEncoder().encode(policy))
      }
      // A key without a default (lossGivenDefault) is absent from both when not stated.
      return CreditPolicy.fileKeys.filter { objects[0][$0] != objects[1][$0] }
    }
  }
}
