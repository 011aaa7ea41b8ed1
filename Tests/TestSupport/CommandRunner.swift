import Foundation

/// Runs the built `creditrisk` binary, as a user would, and captures what it prints.
public enum CommandRunner {
  /// Exit status (or terminating signal), standard output and standard error of one run.
  public struct Result: Sendable {
    public var status: Int32
    public var terminatedBySignal: Bool
    public var stdout: String
    public var stderr: String
  }

  /// The debug build of the executable (`swift build` / `swift test` put it there);
  /// `CREDITRISK_BINARY` overrides.
  public static var binaryPath: String {
    ProcessInfo.processInfo.environment["CREDITRISK_BINARY"]
      ?? repositoryRoot() + "/.build/debug/creditrisk"
  }

  /// Runs `creditrisk arguments...` in `directory` (default: the repository root).
  public static func run(_ arguments: [String], in directory: String? = nil) throws -> Result {
    guard FileManager.default.isExecutableFile(atPath: binaryPath) else {
      throw RunnerError(description: "no creditrisk binary at \(binaryPath); run swift build first")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binaryPath)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory ?? repositoryRoot())
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes to the end before waiting, so a chatty process cannot block.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      terminatedBySignal: process.terminationReason == .uncaughtSignal,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  struct RunnerError: Error, CustomStringConvertible { var description: String }
}
