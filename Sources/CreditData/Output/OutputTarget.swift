#if canImport(Glibc)
  import Glibc
#endif

/// Where an output really goes: the canonical folder that holds it and its name there.
///
/// A symbolic link given as the output is followed (its target is written, the link
/// stays); a device, FIFO, socket or (for a file) a folder is refused rather than replaced.
struct OutputTarget {
  /// The canonical absolute path of the folder holding the output.
  var parent: String
  /// The output's name in `parent`.
  var name: String
  /// The path as the user gave it, for messages.
  var display: String

  /// `parent/name`.
  var path: String { parent == "/" ? "/" + name : parent + "/" + name }

  /// The target of an output folder `path` (a set of files); its parent folders are created.
  static func folder(_ path: String) throws -> OutputTarget {
    let target = try resolve(path, expected: .directory)
    var cwd = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    if getcwd(&cwd, cwd.count) != nil {
      let here = String(
        decoding: cwd.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if here == target.path || here.hasPrefix(target.path + "/") {
        throw OutputError(
          path: path,
          reason:
            "is the current folder or contains it; the outputs replace the folder as a whole, so write them to a folder of their own (e.g. --out out)"
        )
      }
    }
    return target
  }

  /// The target of an output file `path`, whose folder must exist.
  ///
  /// A path ending in `/` names a folder: when nothing is there it is refused, not written
  /// as a file without the slash (`--model out/` is not a file named `out`).
  static func file(_ path: String) throws -> OutputTarget {
    if path.hasSuffix("/"), FileSystem.kind(path) == .missing {
      throw OutputError(
        path: path, reason: "ends with '/', so it names a folder; expected the path of a file")
    }
    return try resolve(path, expected: .regular)
  }

  private static func resolve(_ path: String, expected: FileSystem.Kind) throws -> OutputTarget {
    guard !path.isEmpty else { throw OutputError(path: path, reason: "the path is empty") }
    var resolved = path
    switch FileSystem.kind(path) {
    case .missing:
      break
    case .symbolicLink:
      // Follow the link: its target is what gets written.
      let final = FileSystem.followedKind(path)
      if final == .missing {
        throw OutputError(
          path: path,
          reason: "is a symbolic link to something that does not exist; not replacing it")
      }
      try check(final, expected: expected, path: path, via: " (through a symbolic link)")
      resolved = FileSystem.realPath(path) ?? path
    case let kind:
      try check(kind, expected: expected, path: path, via: "")
      resolved = FileSystem.realPath(path) ?? path
    }
    let (folder, name) = FileSystem.split(resolved)
    guard name != "." && name != ".." && name != "/" && !name.isEmpty else {
      throw OutputError(
        path: path, reason: "does not name a \(expected == .directory ? "folder" : "file") to write"
      )
    }
    // An output folder is created with its parents; a file's folder must exist.
    if expected == .directory { try FileSystem.makeFolders(folder, display: path) }
    guard let parent = FileSystem.realPath(folder), FileSystem.followedKind(parent) == .directory
    else {
      let code = FileSystem.followedKind(folder) == .missing ? ENOENT : ENOTDIR
      throw OutputError(path: path, reason: String(cString: strerror(code)))
    }
    return OutputTarget(parent: parent, name: name, display: path)
  }

  private static func check(
    _ kind: FileSystem.Kind, expected: FileSystem.Kind, path: String, via: String
  ) throws {
    if kind == expected { return }
    let what: String
    switch kind {
    case .directory: what = "a folder"
    case .regular: what = "a file"
    case .special(let s): what = s
    case .missing, .symbolicLink: what = "not a regular file"
    }
    throw OutputError(
      path: path,
      reason:
        "is \(what)\(via), not \(expected == .directory ? "a folder" : "a regular file"); not replacing it"
    )
  }
}
