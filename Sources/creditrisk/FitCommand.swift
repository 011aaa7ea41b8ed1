import ArgumentParser
import CreditData
import CreditModels
import CreditReport
import Foundation
import LinearAlgebra

extension CreditRisk {
  struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Fit a model on any all-numeric CSV (the modelling engine on its own).",
      discussion: """
        An intercept named Intercept is added for logistic, Weibull and cure; no column is \
        scaled or dropped. Every column other than the target, duration, event, write-off and \
        weight columns is a covariate unless --covariates names them. The cure model (a \
        mixture cure: logistic P(ever paid), Weibull AFT time to pay among payers) uses the \
        covariates in both parts.
        """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
      case logistic, cox, weibull, cure
    }

    @Argument(help: "The model: logistic, cox, weibull or cure.")
    var kind: Kind

    @Option(help: "All-numeric CSV with a header row (comma-separated, decimal point).")
    var data: String

    @Option(help: "Outcome column, 0/1 or true/false (logistic).")
    var target: String?

    @Option(help: "Duration column (cox, weibull, cure).")
    var duration: String?

    @Option(
      help: "Event column, 1 (or true) = observed, 0 (or false) = censored (cox, weibull, cure).")
    var event: String?

    @Option(
      name: .customLong("written-off"),
      help: "Cure: 0/1 column, 1 (or true) = known never to pay (not susceptible).")
    var writtenOff: String?

    @Option(help: "Optional case-weight column (each weight 0 to 1e15).")
    var weights: String?

    @Option(
      parsing: .upToNextOption,
      help: "Covariate columns to use (default: all other columns).")
    var covariates: [String] = []

    @Option(
      parsing: .unconditional, help: "Ridge penalty λ (penalty λ/2·‖β‖², intercept not penalised).")
    var l2: Double = 0

    @Option(help: "Cox tie handling: efron or breslow (default: efron).")
    var ties: CoxProportionalHazards.TieMethod?

    @Option(help: "Also write the results as JSON to this file.")
    var json: String?

    func validate() throws {
      switch kind {
      case .logistic:
        guard target != nil else { throw ValidationError("logistic needs --target") }
      case .cox, .weibull, .cure:
        guard duration != nil, event != nil else {
          throw ValidationError("\(kind.rawValue) needs --duration and --event")
        }
      }
      guard l2 >= 0, l2.isFinite else {
        throw ValidationError("--l2 \(l2) is out of range; expected a finite number 0 or above")
      }
      if writtenOff != nil, kind != .cure {
        throw ValidationError("--written-off applies to the cure model only")
      }
      if kind == .cure, l2 != 0 { throw ValidationError("the cure model has no --l2 penalty") }
      if ties != nil, kind != .cox { throw ValidationError("--ties applies to cox only") }
      let roles = [
        ("--target", target), ("--duration", duration), ("--event", event),
        ("--written-off", writtenOff), ("--weights", weights),
      ]
      var named = Set<String>()
      for name in covariates {
        if let (option, _) = roles.first(where: { $0.1?.lowercased() == name.lowercased() }) {
          throw ValidationError(
            "--covariates \(name): '\(name)' is the \(option) column; expected covariates other "
              + "than the columns the model is fitted to")
        }
        guard named.insert(name.lowercased()).inserted else {
          throw ValidationError("--covariates names '\(name)' twice; expected each column once")
        }
      }
    }

    func run() throws {
      try DistinctPaths.check(outputs: [("--json", json)], inputs: [("--data", data)])
      try OutputPlaces.check(files: [json])
      let bytes = try CSVReader.readFile(path: data)
      try Self.requireCommas(bytes, path: data)
      let table = try CSVTable(bytes: bytes, fileName: InputFile.displayName(data))
      func column(_ name: String) throws -> [Double] {
        guard let j = table.columnIndex(named: name) else {
          throw CommandError(
            "\(data): no column '\(name)'; the header has: " + table.header.joined(separator: ", "))
        }
        let values = try table.numbers(column: j)
        if let r = values.firstIndex(where: { $0.isNaN }) {
          throw CommandError(
            "\(data):\(table.lines[r]):\(j + 1) (\(name)): empty cell; fit needs complete numeric data"
          )
        }
        return values
      }
      // A 0/1 column (outcome or event): 0 or 1 in any numeric spelling, or true/false.
      func flags(_ name: String, what: String) throws -> [Bool] {
        guard let j = table.columnIndex(named: name) else {
          return try column(name).map { $0 != 0 }
        }
        return try (0..<table.rowCount).map { r in
          let text = table[r, j].trimmingCharacters(in: .whitespaces)
          switch text.lowercased() {
          case "true": return true
          case "false": return false
          case "": _ = try column(name)  // names the empty cell
          default: if let v = Double(text), v == 0 || v == 1 { return v == 1 }
          }
          throw CommandError(
            "\(data):\(table.lines[r]):\(j + 1) (\(name)): '\(table[r, j])' is not \(what); "
              + "expected 0 or 1 (or true/false)")
        }
      }
      // A column of durations or weights: every value finite and not negative (durations of
      // the parametric fits above 0; weights at most `atMost`, a power of ten), else the cell
      // is named.
      func nonNegative(_ name: String, what: String, aboveZero: Bool = false, atMost: Double? = nil)
        throws -> [Double]
      {
        let values = try column(name)
        guard let j = table.columnIndex(named: name),
          let r = values.firstIndex(where: {
            !$0.isFinite || $0 < 0 || (aboveZero && $0 == 0) || $0 > atMost ?? .infinity
          })
        else { return values }
        let expected =
          atMost.map { "from 0 to 1e\(Int(log10($0).rounded()))" }
          ?? (aboveZero ? "above 0" : "0 or above")
        throw CommandError(
          "\(data):\(table.lines[r]):\(j + 1) (\(name)): '\(table[r, j])' is not \(what); "
            + "expected a number \(expected)")
      }
      // Matched as columnIndex(named:) matches, ignoring case.
      let special = Set(
        [target, duration, event, weights, writtenOff].compactMap { $0?.lowercased() })
      if covariates.isEmpty, let k = table.header.firstIndex(of: "") {
        throw CommandError(
          "\(InputFile.displayName(data)):1:\(k + 1): column \(k + 1) has no name in the header "
            + "(a separator at the end of the line?); expected a name for every column, or the "
            + "covariates named with --covariates")
      }
      let names =
        covariates.isEmpty
        ? table.header.filter { !special.contains($0.lowercased()) } : covariates
      let columns = try names.map(column)
      let w = try weights.map { try nonNegative($0, what: "a weight", atMost: Self.maximumWeight) }
      let ones = [[Double](repeating: 1, count: table.rowCount)]
      let result: FitReport
      do {
        switch kind {
        case .logistic:
          let y = try flags(target ?? "", what: "an outcome").map { $0 ? 1.0 : 0 }
          let x = DesignMatrix(columns: ones + columns)
          let fit = try LogisticRegression(l2: l2).fit(
            x, y, weights: w, featureNames: ["Intercept"] + names, interceptIndex: 0)
          result = FitReport(logistic: fit)
        case .cox:
          let t = try nonNegative(duration ?? "", what: "a duration")
          let e = try flags(event ?? "", what: "an event flag")
          // Built with its row count, so a file without covariate columns is a fit error
          // ("no covariates"), not an empty design.
          let x = DesignMatrix(
            observations: table.rowCount, features: names.count,
            storage: DesignMatrix(columns: columns).storage)
          let fit = try CoxProportionalHazards(ties: ties ?? .efron, l2: l2).fit(
            x, durations: t, events: e, weights: w, featureNames: names)
          result = FitReport(cox: fit)
        case .weibull:
          let t = try nonNegative(duration ?? "", what: "a duration", aboveZero: true)
          let e = try flags(event ?? "", what: "an event flag")
          let x = DesignMatrix(columns: ones + columns)
          let fit = try WeibullAFT(l2: l2).fit(
            x, durations: t, events: e, weights: w, featureNames: ["Intercept"] + names,
            interceptIndex: 0)
          result = FitReport(weibull: fit)
        case .cure:
          let fit = try MixtureCure().fit(
            DesignMatrix(columns: ones + columns),
            durations: try nonNegative(duration ?? "", what: "a duration", aboveZero: true),
            events: try flags(event ?? "", what: "an event flag"),
            neverPays: try writtenOff.map { try flags($0, what: "a write-off flag") }, weights: w,
            featureNames: ["Intercept"] + names, interceptIndex: 0)
          result = FitReport(cure: fit)
        }
      } catch FitError.tooLarge(let feature) {
        // The model's words at the cell of the column's largest value.
        guard let j = table.columnIndex(named: feature),
          let column = try? table.numbers(column: j),
          let r = column.indices.max(by: { abs(column[$0]) < abs(column[$1]) })
        else { throw CommandError("\(data): \(FitError.tooLarge(feature: feature))") }
        throw CommandError(
          "\(data):\(table.lines[r]):\(j + 1) (\(feature)): '\(table[r, j])' is too large to "
            + "fit: the column's sum of squares overflows a double (beyond about 1.8e308); "
            + "expected values within about ±1e150: rescale the column (divide it by a power "
            + "of ten)")
      } catch let error as FitError {
        // The model's own words, with the file they are about.
        throw CommandError("\(data): \(error)")
      }
      for warning in result.warnings { note("warning: \(warning)") }
      print(TextTable.render(result.summary))
      if let json { try AtomicFile.write(try result.json(), to: json) }
    }

    /// The largest case weight `fit` takes.
    ///
    /// Beyond it the weighted sums of the fits overflow a double (a weight of 1e300 made the
    /// rank test call every column constant). Counts and amounts stay far below it; scaling
    /// every weight by one factor leaves the estimates unchanged.
    static let maximumWeight = 1e15

    /// Throws when the header line has no comma but semicolons, tabs or pipes: a file
    /// separated by one of those (a spreadsheet's export in a locale with decimal commas)
    /// would otherwise be read as one column of text, or stop at a row's decimal commas as a
    /// ragged row.
    static func requireCommas(_ bytes: [UInt8], path: String) throws {
      // The first line that is not blank (the reader skips blank lines before the header).
      var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
      while start < bytes.count, [10, 13, 32, 9].contains(bytes[start]) { start += 1 }
      let end = bytes[start...].firstIndex { $0 == 10 || $0 == 13 } ?? bytes.endIndex
      let header = String(decoding: bytes[start..<end], as: UTF8.self)
      // Its line: LF, CRLF and a lone CR each end one.
      let line =
        1
        + bytes[..<start].indices.count {
          bytes[$0] == 10 || (bytes[$0] == 13 && ($0 + 1 == start || bytes[$0 + 1] != 10))
        }
      guard !header.contains(",") else { return }
      let separators = [(";", "semicolons"), ("\t", "tabs"), ("|", "'|' characters")]
      guard let (_, name) = separators.first(where: { header.contains($0.0) }) else { return }
      let shown = header.count > 80 ? header.prefix(80) + "..." : header[...]
      throw CommandError(
        "\(InputFile.displayName(path)):\(line): the header '\(shown)' is separated by \(name); expected comma-separated "
          + "values with a point as the decimal mark: fit reads plain CSV, so save or export the "
          + "file as CSV (comma delimited)")
    }
  }
}
