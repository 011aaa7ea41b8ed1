import CreditData

/// A categorical column's codes in the fewest bytes its levels allow: 1 up to 256 levels, 2
/// up to 65,536, else 4 (`Categorical`'s own width).
///
/// For a column kept while memory is tight and read back whole later: training keeps the
/// sample's regions and industries so through the feature sweep, beside the history's columns
/// and the features (19 MiB for the two at 10M invoices of a few dozen levels, instead of 76),
/// and makes the `Categorical` again once the history is given up.
struct NarrowCategorical: Sendable, Equatable {
  /// The column's levels, as in the `Categorical`.
  var levels: [String]
  /// The codes, each the `Categorical`'s code.
  private var codes: Codes

  /// Codes of one width.
  private enum Codes: Sendable, Equatable {
    case bytes([UInt8])
    case halfWords([UInt16])
    case words([Int32])
  }

  /// `column` in the width its levels allow.
  init(_ column: Categorical) {
    levels = column.levels
    switch column.levels.count {
    case ...(1 << 8): codes = .bytes(column.codes.map { UInt8(truncatingIfNeeded: $0) })
    case ...(1 << 16): codes = .halfWords(column.codes.map { UInt16(truncatingIfNeeded: $0) })
    default: codes = .words(column.codes)
    }
  }

  /// Bytes a row.
  var width: Int {
    switch codes {
    case .bytes: 1
    case .halfWords: 2
    case .words: 4
    }
  }

  /// The column with its codes in 4 bytes again.
  var categorical: Categorical {
    switch codes {
    case .bytes(let c): Categorical(levels: levels, codes: c.map { Int32($0) })
    case .halfWords(let c): Categorical(levels: levels, codes: c.map { Int32($0) })
    case .words(let c): Categorical(levels: levels, codes: c)
    }
  }
}

/// The sample's regions and industries in one byte a row for both when the product of their
/// levels allows (at most 256: region × industry levels + industry), else each in the width
/// its own levels allow (`NarrowCategorical`).
///
/// Training keeps them so through the feature sweep: 9.5 MiB at 10M invoices of a few
/// regions and a dozen industries, instead of 19 for a byte each.
struct NarrowCategories: Sendable, Equatable {
  /// The two columns' codes.
  private enum Codes: Sendable, Equatable {
    case joint(regions: [String], industries: [String], codes: [UInt8])
    case apart(regions: NarrowCategorical, industries: NarrowCategorical)
  }
  private var codes: Codes

  /// The two columns (of the same rows) in the fewest bytes their levels allow.
  init(regions: Categorical, industries: Categorical) {
    precondition(regions.codes.count == industries.codes.count, "shape mismatch")
    let stride = industries.levels.count
    guard regions.levels.count * stride <= 1 << 8 else {
      codes = .apart(regions: NarrowCategorical(regions), industries: NarrowCategorical(industries))
      return
    }
    let joint = zip(regions.codes, industries.codes).map { r, i in
      UInt8(truncatingIfNeeded: Int(r) * stride + Int(i))
    }
    codes = .joint(regions: regions.levels, industries: industries.levels, codes: joint)
  }

  /// Bytes a row for the two.
  var width: Int {
    switch codes {
    case .joint: 1
    case .apart(let regions, let industries): regions.width + industries.width
    }
  }

  /// The two columns with their codes in 4 bytes again.
  var columns: (regions: Categorical, industries: Categorical) {
    switch codes {
    case .joint(let regions, let industries, let codes):
      // Each joint code's two codes, looked up rather than divided for every row.
      let stride = max(industries.count, 1)
      let (region, industry) = (
        (0..<256).map { Int32($0 / stride) }, (0..<256).map { Int32($0 % stride) }
      )
      return (
        Categorical(levels: regions, codes: codes.map { region[Int($0)] }),
        Categorical(levels: industries, codes: codes.map { industry[Int($0)] })
      )
    case .apart(let regions, let industries): return (regions.categorical, industries.categorical)
    }
  }
}

extension Portfolio {
  /// `categories(_:)` of the invoices `placement` places, in the fewest bytes their levels
  /// allow (the 4-byte codes exist only in here).
  func narrowCategories(_ placement: InvoicePlacement) -> NarrowCategories {
    let (regions, industries) = categories(placement)
    return NarrowCategories(regions: regions, industries: industries)
  }
}
