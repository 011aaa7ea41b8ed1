import ArgumentParser
import CreditData
import CreditEngine
import CreditReport
import Foundation

extension CreditRisk {
  struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score the invoices open at the as-of date and write the six CSV files.")

    @OptionGroup var input: HistoryOptions

    @Option(help: "Model JSON written by 'creditrisk train'.")
    var model: String

    @Option(help: "Output folder (created if missing).")
    var out: String

    @Option(help: "Credit policy JSON overriding the defaults (grades, limits, holds).")
    var policy: String?

    @Option(help: "Collections ladder JSON overriding the default escalation steps.")
    var ladder: String?

    func run() throws {
      let progress = Progress()
      progress.stage("reading \(model)")
      let trained = try ModelFile.read(path: model)
      progress.stage("reading \(input.history)")
      let portfolio = try input.loadUnhashedPortfolio()
      progress.finish()
      reportLoad(portfolio)
      progress.stage("scoring open invoices and customers")
      let result = try score(portfolio, model: trained)
      progress.stage("writing \(out)")
      for n in try ScoreFiles.write(result, to: out) { note("warning: \(n)") }
      progress.finish()
      print(ScoreSummary.render(result, folder: out))
    }

    func score(_ portfolio: Portfolio, model: TrainedModel) throws -> ScoreResult {
      let scorer = Scorer(
        model: model,
        policy: try policy.map { try readJSON(CreditPolicy.self, path: $0) } ?? CreditPolicy(),
        ladder: try ladder.map { try readJSON(CollectionsLadder.self, path: $0) }
          ?? CollectionsLadder())
      let result = scorer.score(portfolio)
      reportScore(result)
      return result
    }
  }
}

/// Prints what scoring set aside or mapped: rows with unseen categories, open credit notes.
func reportScore(_ result: ScoreResult) {
  if result.unseenCategoryRows > 0 {
    note(
      "warning: \(result.unseenCategoryRows) rows have a region or industry the model never saw; scored as the baseline level"
    )
  }
  if result.openCreditNotes > 0 {
    note("\(result.openCreditNotes) open credit notes counted in balances and ageing, not scored")
  }
}

/// Decodes a JSON settings file, with the path in any error.
func readJSON<T: Decodable>(_ type: T.Type, path: String) throws -> T {
  let bytes = try CSVReader.readFile(path: path)
  do {
    return try JSONDecoder().decode(T.self, from: Data(bytes))
  } catch let error as DecodingError {
    // The key and the decoder's one-line reason, not the whole error value.
    let (context, what): (DecodingError.Context?, String) =
      switch error {
      case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): (c, "")
      case .keyNotFound(let key, let c): (c, "missing key '\(key.stringValue)'")
      @unknown default: (nil, "")
      }
    let key = (context?.codingPath ?? []).reduce(into: "") { text, key in
      if let k = key.intValue {
        text += "[\(k)]"
      } else {
        text += (text.isEmpty ? "" : ".") + key.stringValue
      }
    }
    let reason = what.isEmpty ? context?.debugDescription ?? "\(error)" : what
    throw CommandError(
      "\(path): not a valid settings file: " + (key.isEmpty ? "" : "key '\(key)': ") + reason)
  } catch {
    throw CommandError("\(path): not a valid settings file: \(error)")
  }
}

/// Creates `path` (and parents) if missing; fails with a one-line cause if it cannot be
/// created or is not writable.
func makeDirectory(_ path: String) throws -> String {
  var prefix = path.hasPrefix("/") ? "/" : ""
  for part in path.split(separator: "/") {
    prefix += part
    if mkdir(prefix, 0o755) != 0, errno != EEXIST {
      throw CommandError(
        "cannot create output folder \(path): \(prefix): \(String(cString: strerror(errno)))")
    }
    var st = stat()
    guard stat(prefix, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
      throw CommandError("cannot create output folder \(path): \(prefix) is not a folder")
    }
    prefix += "/"
  }
  guard access(path, W_OK) == 0 else {
    throw CommandError("output folder \(path) is not writable")
  }
  return path
}
