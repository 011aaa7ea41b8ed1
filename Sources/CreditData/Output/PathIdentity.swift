/// Whether two paths given to one command name the same file or folder.
package enum PathIdentity {
  /// Whether `a` and `b` name the same file or folder, as they are or will be once created.
  ///
  /// Paths are compared canonically (`FileSystem.canonical`): symbolic links in their
  /// existing parts are followed and `.` and `..` resolved, so `v.csv`, `./v.csv` and a link
  /// to it are one path, as an output written through any of them replaces the same file.
  package static func same(_ a: String, _ b: String) -> Bool {
    FileSystem.canonical(a) == FileSystem.canonical(b)
  }
}
