// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "creditrisk",
  products: [
    .executable(name: "creditrisk", targets: ["creditrisk"]),
    .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
    .library(name: "CreditModels", targets: ["CreditModels"]),
    .library(name: "CreditData", targets: ["CreditData"]),
    .library(name: "CreditEngine", targets: ["CreditEngine"]),
    .library(name: "CreditReport", targets: ["CreditReport"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
  ],
  targets: [
    // MARK: - Public API

    /// Dense linear algebra on LAPACK/BLAS; the only module that imports CLAPACK.
    .target(name: "LinearAlgebra", dependencies: ["CLAPACK", "Parallelism"]),
    /// Statistical models: logistic regression, Cox PH, Weibull AFT, Kaplan-Meier. No I/O.
    .target(name: "CreditModels", dependencies: ["LinearAlgebra"]),
    /// CSV reading and writing, dates, the canonical invoice schema.
    .target(name: "CreditData", dependencies: ["Parallelism"]),
    /// Excel workbooks (.xlsx) read into rows for the history loader.
    .target(
      name: "CreditWorkbook",
      dependencies: [
        "CreditData", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    /// Synthetic payment histories with known ground truth.
    .target(name: "CreditSimulation", dependencies: ["CreditData"]),
    /// Point-in-time features, training, scoring, credit policy, worklist, ageing, cash forecast.
    .target(
      name: "CreditEngine",
      dependencies: [
        "CreditData", "CreditModels", "CreditSimulation", "LinearAlgebra", "CPrefetch",
      ]),
    /// Rendering: summary tables, output CSVs, model JSON, HTML report.
    .target(
      name: "CreditReport",
      dependencies: ["CreditEngine", "CreditModels", "CreditData", "LinearAlgebra"]),
    .executableTarget(
      name: "creditrisk",
      dependencies: [
        "CreditData", "CreditModels", "CreditEngine", "CreditReport", "CreditSimulation",
        "CreditWorkbook", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "creditrisk-bench",
      dependencies: [
        "LinearAlgebra", "CreditData", "CreditModels", "CreditEngine", "CreditReport",
        "CreditSimulation",
      ],
      path: "Benchmarks/creditrisk-bench"
    ),

    // MARK: - Implementation details

    /// Fortran-ABI prototypes for the BLAS/LAPACK routines we call (liblapack-dev, libblas-dev).
    .systemLibrary(
      name: "CLAPACK",
      pkgConfig: "lapack",
      providers: [.apt(["liblapack-dev", "libblas-dev", "libopenblas-dev"])]
    ),
    /// glibc's malloc.h (`mallopt`), for the CLI's allocation settings.
    .systemLibrary(name: "CMalloc"),
    /// The processor's prefetch hint, for reads scattered through a history's columns.
    .systemLibrary(name: "CPrefetch"),
    /// The one concurrency helper: deterministic chunks on all cores (re-exported by
    /// LinearAlgebra; CreditData uses it for loading).
    .target(name: "Parallelism"),
    .target(name: "TestSupport", dependencies: ["LinearAlgebra"], path: "Tests/TestSupport"),

    // MARK: - Unit test bundles

    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
    .testTarget(
      name: "CreditModelsTests",
      dependencies: ["CreditModels", "CreditData", "LinearAlgebra", "TestSupport"]),
    .testTarget(name: "CreditDataTests", dependencies: ["CreditData", "TestSupport"]),
    .testTarget(
      name: "CreditEngineTests",
      dependencies: [
        "CreditEngine", "CreditData", "CreditModels", "CreditReport", "CreditSimulation",
        "LinearAlgebra", "TestSupport",
      ]
    ),
    .testTarget(
      name: "CreditSimulationTests",
      dependencies: [
        "CreditSimulation", "CreditData", "CreditModels", "LinearAlgebra", "TestSupport",
      ]
    ),
    .testTarget(
      name: "CreditReportTests",
      dependencies: ["CreditReport", "CreditEngine", "CreditModels", "CreditData", "TestSupport"]
    ),
    .testTarget(name: "CreditWorkbookTests", dependencies: ["CreditWorkbook", "CreditData"]),
    .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
  ]
)
