import ArgumentParser
import CreditData
import CreditEngine
import CreditReport

/// `score --letters DIR [--letter-templates DIR]`: a reminder letter per customer with a due
/// action.
struct LetterOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Write a reminder letter for each customer with a due action into this new (or empty) folder.",
      discussion: "One text file per customer and letters.csv listing them.",
      valueName: "dir"))
  var letters: String?

  @Option(
    help: ArgumentHelp(
      "Folder of letter templates (one .txt per action, default.txt for the others) in place of the default ones.",
      discussion: "The repository's templates/letters/ holds the defaults to copy and edit.",
      valueName: "dir"))
  var letterTemplates: String?

  func validate() throws {
    if letterTemplates != nil && letters == nil {
      throw ValidationError("--letter-templates needs --letters DIR")
    }
    if let letters, !FolderListing.isMissingOrEmpty(letters) {
      throw ValidationError(
        "--letters \(letters) is not a new or empty folder; give a new one (such as one named "
          + "after the as-of date) so that letters of different runs are not mixed")
    }
  }

  /// Refuses a letters' folder that is the score folder `out`, is inside it or holds it:
  /// the letters would be mixed with the score files, or one set would replace the other.
  func checkApart(from out: String) throws {
    guard let letters, FolderListing.overlap(letters, out) else { return }
    throw CommandError(
      "--letters \(letters) and --out \(out) are the same folder or one holds the other; "
        + "give the letters a folder of their own beside the score files")
  }

  /// The letters' files, made and checked before anything is written; nil without
  /// `--letters`.
  func render(_ result: ScoreResult) throws -> [(name: String, bytes: [UInt8])]? {
    guard letters != nil else { return nil }
    do {
      let templates = try letterTemplates.map { try LetterTemplates.load(folder: $0) }
      return try LetterFiles.render(result, templates: templates ?? .defaults())
    } catch let error as LetterTemplateError {
      throw CommandError(error.description)
    }
  }

  /// Builds the letters' folder beside its place (`OutputSet.stage`), to publish once the
  /// run's other outputs are written; nil without `--letters`.
  func stage(_ files: [(name: String, bytes: [UInt8])]?) throws -> StagedSet? {
    guard let letters, let files else { return nil }
    return try OutputSet.stage(files, to: letters)
  }
}
