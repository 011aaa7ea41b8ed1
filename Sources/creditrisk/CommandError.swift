/// A failure found while a command runs (after its options were parsed).
///
/// ArgumentParser prints any error as `Error: <description>` and exits with status 1. A
/// `ValidationError` thrown from `run()` would also print the usage text, so run-time
/// problems (a missing column, an output folder that cannot be created) use this type to
/// keep the cause on one line.
struct CommandError: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) { self.description = description }
}
