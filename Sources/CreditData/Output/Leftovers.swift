#if canImport(Glibc)
  import Glibc
#endif

/// What an interrupted run can leave beside an output, and how a later run deals with it.
///
/// A run writes `NAME.tmp-PID` beside its target (a file, or a folder holding a set of
/// files) and renames it into place; the folder swap's fallback also parks the previous set
/// as `NAME.old-PID` for a moment. A run killed in between leaves these names behind. Under
/// the folder's lock, a later run publishing to the same target removes them (a `.tmp`
/// holds an unpublished or a replaced set; the complete set is at NAME) or, when NAME is
/// missing and a `.old` holds the previous complete set, renames it back. Each action is
/// reported as a warning line.
enum Leftovers {
  /// The temporary name of `name` for this process.
  static func temporaryName(_ name: String) -> String { name + ".tmp-\(getpid())" }

  /// The name the previous set of `name` is parked under by this process.
  static func parkedName(_ name: String) -> String { name + ".old-\(getpid())" }

  /// The process id in `entry` when it is a temporary (`.tmp-PID`) or parked (`.old-PID`)
  /// name of `name`.
  static func owner(of entry: String, for name: String, suffix: String) -> Int32? {
    let prefix = name + suffix
    guard entry.hasPrefix(prefix) else { return nil }
    let digits = entry.dropFirst(prefix.count)
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
      return nil
    }
    return Int32(digits)
  }

  /// Cleans the leftovers of `name` in `folder`, whose lock the caller holds.
  ///
  /// Restores a parked set when `name` itself is missing. Returns one warning per action.
  ///
  /// Leftovers of a process that is still alive are left alone: it may be an older run that
  /// does not take the lock.
  static func clean(_ name: String, in folder: String) -> [String] {
    guard let entries = FileSystem.entries(folder) else { return [] }
    var notes: [String] = []
    let target = folder + "/" + name
    for entry in entries {
      guard let pid = owner(of: entry, for: name, suffix: ".old-"),
        !FileSystem.processIsAlive(pid) || pid == getpid()
      else { continue }
      let path = folder + "/" + entry
      if FileSystem.kind(target) == .missing, rename(path, target) == 0 {
        notes.append("restored \(target) from \(entry), left by an interrupted run")
      } else if FileSystem.removeTree(path) {
        notes.append("removed \(path), left by an interrupted run")
      } else {
        notes.append("could not remove \(path), left by an interrupted run")
      }
    }
    for entry in entries {
      guard let pid = owner(of: entry, for: name, suffix: ".tmp-"),
        !FileSystem.processIsAlive(pid) || pid == getpid()
      else { continue }
      let path = folder + "/" + entry
      notes.append(
        FileSystem.removeTree(path)
          ? "removed \(path), left by an interrupted run"
          : "could not remove \(path), left by an interrupted run")
    }
    return notes
  }
}
