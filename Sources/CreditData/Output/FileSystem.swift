#if canImport(Glibc)
  import Glibc
#endif

/// The few POSIX file operations the output publishers need, with errors as text.
enum FileSystem {
  /// What a path names, without following a final symbolic link.
  enum Kind: Equatable {
    case missing, regular, directory, symbolicLink
    /// A device, FIFO or socket.
    case special(String)
  }

  /// The kind of `path` (`lstat`: a symbolic link is reported as one).
  static func kind(_ path: String) -> Kind {
    var st = stat()
    guard lstat(path, &st) == 0 else { return .missing }
    return kind(mode: st.st_mode)
  }

  /// The kind of what `path` finally names, following symbolic links.
  static func followedKind(_ path: String) -> Kind {
    var st = stat()
    guard stat(path, &st) == 0 else { return .missing }
    return kind(mode: st.st_mode)
  }

  private static func kind(mode: mode_t) -> Kind {
    switch mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: return .directory
    case S_IFLNK: return .symbolicLink
    case S_IFCHR: return .special("a character device")
    case S_IFBLK: return .special("a block device")
    case S_IFIFO: return .special("a FIFO")
    case S_IFSOCK: return .special("a socket")
    default: return .special("not a regular file")
    }
  }

  /// The canonical absolute path of an existing `path` (symbolic links resolved).
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The canonical absolute path that `path` names, or will name once created: its longest
  /// existing part with symbolic links resolved (`realPath`), then the rest, `.` and `..`
  /// taken as they read.
  static func canonical(_ path: String) -> String {
    if let real = realPath(path) { return real }
    let (folder, name) = split(path)
    guard folder != path else { return path }
    let base = canonical(folder)
    switch name {
    case "", ".": return base
    case "..": return split(base).folder
    default: return base == "/" ? "/" + name : base + "/" + name
    }
  }

  /// The folder part and the last component of `path` (`"a/b"` → `("a", "b")`, `"b"` →
  /// `(".", "b")`); trailing slashes are ignored.
  static func split(_ path: String) -> (folder: String, name: String) {
    var p = Substring(path)
    while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
    guard let slash = p.lastIndex(of: "/") else { return (".", String(p)) }
    let folder = p[..<slash]
    return (folder.isEmpty ? "/" : String(folder), String(p[p.index(after: slash)...]))
  }

  /// Creates `path` and its missing parents as folders.
  /// - Throws: `OutputError` naming `display` and the component that failed.
  static func makeFolders(_ path: String, display: String) throws {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
      prefix += part
      if mkdir(prefix, 0o777) != 0, errno != EEXIST {
        throw OutputError(path: display, reason: "cannot create folder \(prefix): \(errnoText())")
      }
      guard followedKind(prefix) == .directory else {
        throw OutputError(path: display, reason: "\(prefix) is not a folder")
      }
      prefix += "/"
    }
  }

  /// The names in folder `path` other than `.` and `..`; nil when it cannot be read.
  static func entries(_ path: String) -> [String]? {
    guard let dir = opendir(path) else { return nil }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// Removes `path` and, if it is a folder, everything in it.
  ///
  /// Symbolic links are removed, never followed. Returns false when something could not be
  /// removed.
  @discardableResult
  static func removeTree(_ path: String) -> Bool {
    if kind(path) == .directory {
      var ok = true
      for name in entries(path) ?? [] where !removeTree(path + "/" + name) { ok = false }
      return rmdir(path) == 0 && ok
    }
    return unlink(path) == 0 || errno == ENOENT
  }

  /// Writes all of `bytes` to `fd`; the error text on failure.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBytes { raw -> String? in
      guard let base = raw.baseAddress else { return nil }
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, base + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return errnoText()
        }
        offset += n
      }
      return nil
    }
  }

  /// Flushes folder `path` itself, so that the renames in it survive a power cut.
  static func syncFolder(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }

  /// Whether process `pid` exists (a leftover of a live process is not touched).
  static func processIsAlive(_ pid: Int32) -> Bool {
    pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
  }

  /// The text of the current `errno`.
  static func errnoText() -> String { String(cString: strerror(errno)) }
}
