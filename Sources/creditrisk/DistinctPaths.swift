import CreditData

/// Refuses, before any work, an output path that is also an input or another output of the
/// same run.
///
/// An output is written to a temporary name and renamed over its path, so an output given
/// the path of an input replaced that input (`train --history h.csv --model h.csv` left a
/// model where the history was), and two outputs given one path made the second find the
/// first's temporary file, take it for an interrupted run's and fail after the first was
/// published. Paths are compared as the files they name (`PathIdentity.same`); `-`
/// (standard input or output) is never a file here.
enum DistinctPaths {
  /// An option and the path given to it, nil when the option was not given.
  typealias Given = (option: String, path: String?)

  /// Throws a one-line `CommandError` naming both options when an output in `outputs` names
  /// an input in `inputs` or an earlier output.
  static func check(outputs: [Given], inputs: [Given]) throws {
    func given(_ list: [Given]) -> [(option: String, path: String)] {
      list.compactMap { g in g.path.flatMap { $0 == "-" ? nil : (g.option, $0) } }
    }
    let (written, read) = (given(outputs), given(inputs))
    for (k, output) in written.enumerated() {
      if let input = read.first(where: { PathIdentity.same($0.path, output.path) }) {
        throw CommandError(
          "\(output.option) \(output.path) is also given as \(input.option); writing it would "
            + "replace that input: give the output a path of its own")
      }
      if let other = written[..<k].first(where: { PathIdentity.same($0.path, output.path) }) {
        throw CommandError(
          "\(other.option) \(other.path) and \(output.option) \(output.path) are the same path; "
            + "one output would replace the other: give each a path of its own")
      }
    }
  }
}
