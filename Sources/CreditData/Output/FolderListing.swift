/// What a folder holds, for the commands that read or fill one (letter templates, letters).
public enum FolderListing {
  /// The names in folder `path` other than `.` and `..`, sorted; nil when it is not a folder
  /// that can be read.
  public static func names(_ path: String) -> [String]? {
    guard FileSystem.followedKind(path) == .directory else { return nil }
    return FileSystem.entries(path)
  }

  /// Whether folders `a` and `b` are the same or one holds the other, as they are or will be
  /// once created (symbolic links in their existing parts followed, `.` and `..` resolved).
  package static func overlap(_ a: String, _ b: String) -> Bool {
    let (x, y) = (FileSystem.canonical(a), FileSystem.canonical(b))
    func holds(_ outer: String, _ inner: String) -> Bool {
      inner.hasPrefix(outer == "/" ? "/" : outer + "/")
    }
    return x == y || holds(x, y) || holds(y, x)
  }

  /// Whether `path` is missing, or an empty folder.
  public static func isMissingOrEmpty(_ path: String) -> Bool {
    if FileSystem.followedKind(path) == .missing { return true }
    return names(path)?.isEmpty ?? false
  }
}
