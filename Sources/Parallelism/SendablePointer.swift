/// A raw pointer that may cross into `concurrentPerform`; callers write disjoint ranges.
package struct SendablePointer<T>: @unchecked Sendable {
  package let pointer: UnsafeMutablePointer<T>
  package init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
