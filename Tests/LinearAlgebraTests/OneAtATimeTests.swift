import LinearAlgebra
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("One stretch at a time")
struct OneAtATimeTests {
  // Four tasks side by side, each taking ten turns that last a millisecond: no two turns
  // overlap, and every turn runs.
  @Test func turnsNeverOverlap() {
    final class Counts: Sendable {
      let inside = Atomic<Int>(0)
      let most = Atomic<Int>(0)
      let taken = Atomic<Int>(0)
    }
    let turns = OneAtATime()
    let counts = Counts()
    let task: @Sendable () -> Void = {
      for _ in 0..<10 {
        turns.run {
          let now = counts.inside.add(1, ordering: .sequentiallyConsistent).newValue
          _ = counts.most.max(now, ordering: .sequentiallyConsistent)
          usleep(1000)
          counts.inside.subtract(1, ordering: .sequentiallyConsistent)
          counts.taken.add(1, ordering: .sequentiallyConsistent)
        }
      }
    }
    Parallel.sideBySide([task, task, task, task])
    #expect(counts.most.load(ordering: .sequentiallyConsistent) == 1)
    #expect(counts.taken.load(ordering: .sequentiallyConsistent) == 40)
  }

  // A turn returns its body's value, and a body that throws frees the turn for the next.
  @Test func aTurnReturnsAndRethrows() throws {
    struct Failure: Error {}
    let turns = OneAtATime()
    #expect(turns.run { 6 * 7 } == 42)
    #expect(throws: Failure.self) { try turns.run { throw Failure() } }
    #expect(turns.run { "next" } == "next")
  }
}
