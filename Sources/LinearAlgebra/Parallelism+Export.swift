// The package's concurrency helper (`Parallel`, `ChunkedGrouping`, `SendablePointer`) comes
// with LinearAlgebra, whose clients all cut their work into chunks with it.
@_exported import Parallelism
