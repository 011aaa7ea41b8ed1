import CreditData

/// Checks, before a run's work, that each output file it was given can be written where it
/// goes (`AtomicFile.checkPlace`): a missing folder or a folder in a file's place is
/// reported at once, not after the history was read and the models fitted.
enum OutputPlaces {
  /// Throws what writing would throw for the first of `files` that cannot be written; nil
  /// (an option not given) and `-` (standard output) are skipped.
  static func check(files: [String?]) throws {
    for case let path? in files where path != "-" { try AtomicFile.checkPlace(path) }
  }
}
