import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

extension CLI {
  /// A run of the binary started in the background.
  final class BackgroundRun {
    let process: Process
    let scratch: String

    init(process: Process, scratch: String) {
      self.process = process
      self.scratch = scratch
    }

    /// Sends SIGKILL (nothing when the run has ended).
    func kill() {
      if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// Waits for the run to end and returns what it printed.
    func wait() throws -> Run {
      process.waitUntilExit()
      defer { try? FileManager.default.removeItem(atPath: scratch) }
      return Run(
        status: process.terminationStatus,
        signaled: process.terminationReason == .uncaughtSignal,
        stdout: (try? String(contentsOfFile: scratch + "/stdout", encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOfFile: scratch + "/stderr", encoding: .utf8)) ?? "")
    }
  }

  /// Starts the binary with `arguments` in `directory` and returns at once.
  static func start(
    _ arguments: [String], in directory: String = CLI.badFixtures,
    environment: [String: String]? = nil
  ) throws -> BackgroundRun {
    try requireBinary()
    let scratch = try temporaryDirectory("background")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binaryPath)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    if let environment { process.environment = environment }
    for name in ["stdout", "stderr"] {
      _ = FileManager.default.createFile(atPath: scratch + "/" + name, contents: nil)
    }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/stdout"))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/stderr"))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return BackgroundRun(process: process, scratch: scratch)
  }
}
