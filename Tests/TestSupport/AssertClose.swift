/// Relative closeness: |a - b| <= rtol * max(|a|, |b|) + atol.
public func isClose(_ a: Double, _ b: Double, rtol: Double, atol: Double = 0) -> Bool {
  if a == b { return true }
  guard a.isFinite, b.isFinite else { return false }
  return abs(a - b) <= rtol * max(abs(a), abs(b)) + atol
}

/// Relative error |a - b| / max(|a|, |b|), 0 when both are 0.
public func relativeError(_ a: Double, _ b: Double) -> Double {
  let scale = max(abs(a), abs(b))
  return scale == 0 ? 0 : abs(a - b) / scale
}

/// The folder holding test fixtures (Tests/Fixtures), found from this source file's path.
public func fixturesDirectory(file: String = #filePath) -> String {
  var parts = file.split(separator: "/", omittingEmptySubsequences: false)
  while let last = parts.last, last != "Tests" { parts.removeLast() }
  return parts.joined(separator: "/") + "/Fixtures"
}

/// The repository root (the folder holding Package.swift).
public func repositoryRoot(file: String = #filePath) -> String {
  var parts = file.split(separator: "/", omittingEmptySubsequences: false)
  while let last = parts.last, last != "Tests" { parts.removeLast() }
  parts.removeLast()
  return parts.joined(separator: "/")
}
