import CreditData
import CreditModels
import LinearAlgebra

/// The invoices open at the landmarks of `CustomerCashCorrelation`, with the design and the age
/// at its landmark of each: built once by the scorer for the two estimates made on them, the
/// cash band's customer correlation and the open invoices' date correction.
struct LandmarkDesign: Sendable {
  /// The landmark dates, oldest last (`CustomerCashCorrelation.landmarks`).
  let dates: [Day]
  let rows: [CustomerCashCorrelation.LandmarkRow]
  /// The rows' design at issue, with the intercept.
  let x: DesignMatrix
  /// Each row's days since issue at its landmark.
  let ages: [Double]
}

extension Scorer {
  /// The invoices open at the landmarks of `CustomerCashCorrelation`, when the model has a
  /// cure part to forecast cash with (else none).
  func correlationRows(_ portfolio: Portfolio) -> [CustomerCashCorrelation.LandmarkRow] {
    model.timeToPaymentCure == nil ? [] : CustomerCashCorrelation.openRows(portfolio)
  }

  /// The landmark rows' design from their features at issue (`raw`, in the same order); nil
  /// when there are no rows.
  ///
  /// - Parameter rowCategories: the rows' regions and industries when already read (else
  ///   read off the portfolio).
  func landmarkDesign(
    _ portfolio: Portfolio, _ rows: [CustomerCashCorrelation.LandmarkRow], _ raw: RawFeatures,
    rowCategories: (regions: Categorical, industries: Categorical)? = nil
  ) -> LandmarkDesign? {
    guard !rows.isEmpty else { return nil }
    let h = portfolio.history
    let (regions, industries) =
      rowCategories
      ?? {
        let historyRows = rows.map(\.row)
        let categories = portfolio.customerCategories()
        return (
          portfolio.regions(rows: historyRows, categories),
          portfolio.industries(rows: historyRows, categories)
        )
      }()
    let x = model.features.design(
      raw: raw, regions: regions, industries: industries, intercept: true
    ).design
    let marks = CustomerCashCorrelation.landmarks(asOf: portfolio.asOf)
    return LandmarkDesign(
      dates: marks, rows: rows, x: x,
      ages: rows.map { Double(marks[$0.landmark].days(since: h.issueDate[$0.row])) })
  }

  /// Each customer's correlation of its invoices' weekly payments, estimated at the scoring
  /// date from the landmark rows.
  func customerCorrelation(_ portfolio: Portfolio, _ landmarks: LandmarkDesign?)
    -> CustomerCorrelations?
  {
    guard let cure = model.timeToPaymentCure, let landmarks else { return nil }
    return CustomerCashCorrelation.estimate(
      portfolio, rows: landmarks.rows,
      withinWeeks: PaymentTiming.withinWeeks(cure, x: landmarks.x, ages: landmarks.ages))
  }
}
