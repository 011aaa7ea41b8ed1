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

extension Portfolio {
  /// `categories(_:)` of the invoices `placement` places, each in the fewest bytes its levels
  /// allow (the 4-byte codes exist only in here).
  func narrowCategories(
    _ placement: InvoicePlacement
  ) -> (regions: NarrowCategorical, industries: NarrowCategorical) {
    let (regions, industries) = categories(placement)
    return (NarrowCategorical(regions), NarrowCategorical(industries))
  }
}
