import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Faults while writing outputs", .serialized)
struct FaultTests {
  /// Mounts a `size`-byte tmpfs on a new folder; nil when this process may not mount (not root,
  /// or no CAP_SYS_ADMIN in a container).
  private func tinyFileSystem(size: Int) throws -> String? {
    guard getuid() == 0 else { return nil }
    let folder = try CLI.temporaryDirectory("full")
    let status = mount("tmpfs", folder, "tmpfs", 0, "size=\(size)")
    if status != 0 {
      try? FileManager.default.removeItem(atPath: folder)
      return nil
    }
    return folder
  }

  private func unmount(_ folder: String) {
    _ = umount(folder)
    try? FileManager.default.removeItem(atPath: folder)
  }

  @Test func fullDiskLeavesNoScoreFiles() throws {
    guard let disk = try tinyFileSystem(size: 12 * 1024) else {
      print("skipped: cannot mount a tmpfs here (needs root); disk-full case not run")
      return
    }
    defer { unmount(disk) }
    let model = try #require(CLI.baseModel)
    let out = disk + "/out"
    let run = try CLI.run(["score", "--history", "valid-small.csv", "--model", model, "--out", out])
    #expect(!run.signaled)
    #expect(run.status == 1)
    #expect(
      run.stderrLines.last?.hasPrefix("Error: cannot write \(out): ") == true, "\(run.stderr)")
    #expect(run.stderrLines.last?.hasSuffix("No space left on device") == true, "\(run.stderr)")
    #expect(CLI.files(in: disk).isEmpty, "left behind: \(CLI.files(in: disk))")
  }

  @Test func fullDiskLeavesNoModelFile() throws {
    guard let disk = try tinyFileSystem(size: 4 * 1024) else {
      print("skipped: cannot mount a tmpfs here (needs root); disk-full case not run")
      return
    }
    defer { unmount(disk) }
    let run = try CLI.run([
      "train", "--history", "valid-small.csv", "--model", disk + "/model.json",
    ])
    #expect(!run.signaled)
    #expect(run.status == 1)
    #expect(
      run.stderrLines.last == "Error: cannot write \(disk)/model.json: No space left on device",
      "\(run.stderr)")
    #expect(CLI.files(in: disk).isEmpty, "left behind: \(CLI.files(in: disk))")
  }

  /// A previous good output survives a failed rewrite byte for byte.
  @Test func failedRewriteKeepsThePreviousFiles() throws {
    guard let disk = try tinyFileSystem(size: 40 * 1024) else {
      print("skipped: cannot mount a tmpfs here (needs root)")
      return
    }
    defer { unmount(disk) }
    let model = try #require(CLI.baseModel)
    let out = disk + "/out"
    let first = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--out", out,
    ])
    try #require(first.status == 0, "\(first.stderr)")
    let before = CLI.files(in: out).map { FileManager.default.contents(atPath: out + "/" + $0) }
    // Fill the disk, then score a bigger history into the same folder.
    let fd = open(disk + "/filler", O_WRONLY | O_CREAT, 0o644)
    try #require(fd >= 0)
    let chunk = [UInt8](repeating: 0x41, count: 1024)
    while chunk.withUnsafeBytes({ Glibc.write(fd, $0.baseAddress, $0.count) }) > 0 {}
    close(fd)
    let second = try CLI.run([
      "score", "--history", "long-field-invoice-id.csv", "--model", model, "--out", out,
    ])
    #expect(second.status == 1, "\(second.stderr)")
    #expect(!second.signaled)
    let after = CLI.files(in: out).map { FileManager.default.contents(atPath: out + "/" + $0) }
    #expect(before == after, "the earlier outputs changed after a failed run")
    #expect(!CLI.files(in: out).contains { $0.contains(".tmp-") })
  }
}

@Suite("Resource limits")
struct ResourceLimitTests {
  /// Under `ulimit -v` too small for OpenBLAS's per-thread buffers, the fitting commands say
  /// so at once (they used to spin for ever in OpenBLAS's allocator); others still run.
  ///
  /// `inspect` is run only under the limits with room above its own start-up size (the
  /// binary, OpenBLAS's buffers and a malloc arena: about 150 MB for a debug build), so that
  /// the test checks "still runs where training cannot", not the size of the binary.
  @Test(arguments: [150_000, 250_000, 400_000])
  func addressSpaceLimit(kilobytes: Int) throws {
    let start = Date()
    let train = try CLI.run(
      ["-c", "ulimit -v \(kilobytes) && exec timeout 60 \"$0\" \"$@\"", CLI.binaryPath]
        + ["train", "--history", "valid-small.csv", "--model", "/nonexistent/m.json"],
      executable: "/bin/sh")
    #expect(Date().timeIntervalSince(start) < 30)
    #expect(train.status == 1, "\(train.stderr)")
    #expect(
      train.stderrLines.last?.hasPrefix(
        "Error: the address-space limit (ulimit -v) of \(kilobytes >> 10) MiB is too small")
        == true,
      "\(train.stderr)")
    guard kilobytes >= Self.inspectStartupKilobytes + 50_000 else { return }
    let inspect = try CLI.run(
      ["-c", "ulimit -v \(kilobytes) && exec timeout 60 \"$0\" \"$@\"", CLI.binaryPath]
        + ["inspect", "--history", "valid-small.csv"],
      executable: "/bin/sh")
    #expect(inspect.status == 0, "\(inspect.stderr)")
  }

  /// About what `inspect` needs to start (measured on a debug build: it runs at 153 MB).
  static let inspectStartupKilobytes = 155_000
}

@Suite("Outputs never replace links or special files; leftovers are cleaned", .serialized)
struct OutputPathTests {
  @Test func fullDiskLeavesNoBacktestFiles() throws {
    guard getuid() == 0 else {
      print("skipped: cannot mount a tmpfs here (needs root)")
      return
    }
    let disk = try CLI.temporaryDirectory("full-backtest")
    guard mount("tmpfs", disk, "tmpfs", 0, "size=8192") == 0 else {
      print("skipped: cannot mount a tmpfs here")
      return
    }
    defer {
      _ = umount(disk)
      try? FileManager.default.removeItem(atPath: disk)
    }
    // Fill most of the disk: the first file fits, a later one does not.
    let filler = [UInt8](repeating: 0x41, count: 6 * 1024)
    _ = FileManager.default.createFile(atPath: disk + "/filler", contents: Data(filler))
    let run = try CLI.run([
      "backtest", "--history", "valid-small.csv", "--cutoff", "2025-06-30", "--out", disk + "/bt",
    ])
    #expect(!run.signaled)
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderrLines.last?.hasSuffix("No space left on device") == true, "\(run.stderr)")
    #expect(CLI.files(in: disk) == ["filler"], "left behind: \(CLI.files(in: disk))")
  }

  /// `train --model`, `report --out` and `backtest --markdown` through a symbolic link to a
  /// device: refused, the link unchanged; through a link to a file: the file is replaced and
  /// the link stays.
  @Test(arguments: ["train", "report", "backtest"])
  func symbolicLinks(command: String) throws {
    let folder = try CLI.temporaryDirectory("links")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    func arguments(_ path: String) -> [String] {
      switch command {
      case "train": return ["train", "--history", "valid-small.csv", "--model", path]
      case "report": return ["report", "--history", "valid-small.csv", "--out", path]
      default:
        return [
          "backtest", "--history", "valid-small.csv", "--cutoff", "2025-06-30", "--markdown", path,
        ]
      }
    }
    let device = folder + "/to-device"
    try FileManager.default.createSymbolicLink(atPath: device, withDestinationPath: "/dev/null")
    let refused = try CLI.run(arguments(device))
    #expect(refused.status == 1 && !refused.signaled, "\(refused.stderr)")
    #expect(
      refused.stderrLines.last
        == "Error: cannot write \(device): is a character device (through a symbolic link), not a regular file; not replacing it",
      "\(refused.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: device) == "/dev/null")
    let fifo = folder + "/fifo"
    try #require(mkfifo(fifo, 0o644) == 0)
    let onFIFO = try CLI.run(arguments(fifo))
    #expect(onFIFO.status == 1 && onFIFO.stderrLines.last?.contains("is a FIFO") == true)

    let target = folder + "/real.out"
    _ = FileManager.default.createFile(atPath: target, contents: Data("old".utf8))
    let link = folder + "/link.out"
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.out")
    let followed = try CLI.run(arguments(link))
    #expect(followed.status == 0, "\(followed.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.out")
    #expect(FileManager.default.contents(atPath: target) != Data("old".utf8))
    #expect(!CLI.files(in: folder).contains { $0.contains(".tmp-") })
  }

  /// Output folders that are not one: a file, a folder holding a subfolder, the current folder.
  @Test func outputFoldersThatAreRefused() throws {
    let model = try #require(CLI.baseModel)
    let folder = try CLI.temporaryDirectory("refused")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(
      atPath: folder + "/out/sub", withIntermediateDirectories: true)
    let cases: [(out: String, directory: String, message: String)] = [
      ("valid-small.csv", CLI.badFixtures, "is a file, not a folder; not replacing it"),
      (
        folder + "/out", CLI.badFixtures, "holds the folder 'sub', which is not a creditrisk output"
      ),
      (".", folder + "/out/sub", "is the current folder or contains it"),
      ("..", folder + "/out/sub", "is the current folder or contains it"),
      ("/", CLI.badFixtures, "does not name a folder to write"),
    ]
    for c in cases {
      let history = CLI.badFixtures + "/valid-small.csv"
      let run = try CLI.run(
        ["score", "--history", history, "--model", model, "--out", c.out], in: c.directory)
      #expect(run.status == 1 && !run.signaled, "\(c.out): \(run.stderr)")
      #expect(run.stderrLines.last?.contains(c.message) == true, "\(c.out): \(run.stderr)")
    }
    #expect(CLI.files(in: folder).isEmpty)
  }

  /// A folder in --out named like one of the outputs is refused as any other folder is.
  ///
  /// Before, `out/invoices.csv/` (a folder, with a file of the user's in it) was replaced by
  /// the new invoices.csv and removed with what it held, while a folder by any other name
  /// was refused.
  @Test func aFolderNamedLikeAnOutputIsRefused() throws {
    let model = try #require(CLI.baseModel)
    let scratch = try ScratchFolder("output-named-folder")
    let kept = scratch.path + "/out/invoices.csv/notes.txt"
    try FileManager.default.createDirectory(
      atPath: scratch.path + "/out/invoices.csv", withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: kept, contents: Data("kept\n".utf8))
    let history = CLI.badFixtures + "/valid-small.csv"
    let run = try CLI.run(
      ["score", "--history", history, "--model", model, "--out", "out"], in: scratch.path)
    #expect(run.status == 1)
    #expect(
      run.stderrLines.last
        == "Error: cannot write out: holds the folder 'invoices.csv', which is not a creditrisk "
        + "output; the outputs replace the folder as a whole, so write them to a folder of "
        + "their own", "\(run.stderr)")
    #expect(FileManager.default.contents(atPath: kept) == Data("kept\n".utf8))
    #expect(
      FileManager.default.subpaths(atPath: scratch.path)?.sorted() == [
        "out", "out/invoices.csv", "out/invoices.csv/notes.txt",
      ])
  }

  /// A demo whose outputs cannot all be written writes none of them.
  ///
  /// Before, `demo --out X` wrote model.json, then failed on the score files (X holding a
  /// folder named report.html) and left model.json in X. Now the model, the score files and
  /// the report are published as one set: X is left as it was.
  @Test func aDemoThatCannotWriteEverythingWritesNothing() throws {
    let scratch = try ScratchFolder("output-paths-demo")
    let out = scratch.path + "/demo"
    try FileManager.default.createDirectory(
      atPath: out + "/report.html", withIntermediateDirectories: true)
    let run = try CLI.run(["demo", "--out", out], in: repositoryRoot())
    #expect(run.status == 1)
    #expect(
      run.stderrLines.last
        == "Error: cannot write \(out): holds the folder 'report.html', which is not a creditrisk "
        + "output; the outputs replace the folder as a whole, so write them to a folder of "
        + "their own", "\(run.stderr)")
    #expect(
      FileManager.default.subpaths(atPath: scratch.path)?.sorted() == ["demo", "demo/report.html"])
  }

  /// Leftovers of killed runs (`NAME.tmp-PID` of a process that no longer exists) are removed
  /// by the next write to the same place and reported.
  @Test func leftoversAreCleanedAndReported() throws {
    let model = try #require(CLI.baseModel)
    let folder = try CLI.temporaryDirectory("leftovers")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let dead = "2147483646"
    for name in [
      "model.json.tmp-\(dead)", "out.tmp-\(dead)/invoices.csv", "out/aging.csv.tmp-\(dead)",
    ] {
      let path = folder + "/" + name
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      _ = FileManager.default.createFile(atPath: path, contents: Data("partial".utf8))
    }
    let train = try CLI.run([
      "train", "--history", "valid-small.csv", "--model", folder + "/model.json",
    ])
    #expect(train.status == 0)
    #expect(
      train.stderrLines.contains(
        "warning: removed \(folder)/model.json.tmp-\(dead), left by an interrupted run"),
      "\(train.stderr)")
    let score = try CLI.run([
      "score", "--history", "valid-small.csv", "--model", model, "--out", folder + "/out",
    ])
    #expect(score.status == 0)
    for name in ["out.tmp-\(dead)", "out/aging.csv.tmp-\(dead)"] {
      #expect(
        score.stderrLines.contains(
          "warning: removed \(folder)/\(name), left by an interrupted run"),
        "\(score.stderr)")
    }
    #expect(CLI.outputProblems(in: folder).isEmpty)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["model.json", "out"])
  }
}
