/// What a folder holds, for the commands that read or fill one (letter templates, letters).
public enum FolderListing {
  /// The names in folder `path` other than `.` and `..`, sorted; nil when it is not a folder
  /// that can be read.
  public static func names(_ path: String) -> [String]? {
    guard FileSystem.followedKind(path) == .directory else { return nil }
    return FileSystem.entries(path)
  }

  /// Whether `path` is missing, or an empty folder.
  public static func isMissingOrEmpty(_ path: String) -> Bool {
    if FileSystem.followedKind(path) == .missing { return true }
    return names(path)?.isEmpty ?? false
  }
}
