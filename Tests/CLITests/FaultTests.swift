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
    #expect(run.stderrLines.last?.hasPrefix("Error: cannot write \(out)/") == true, "\(run.stderr)")
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
