/// The quarters of a set of amounts, for judging a prediction by the size of what it is about:
/// up to the lower quartile, to the median, to the upper quartile, and above.
///
/// Quartile `j` is the amount at rank `⌈jn/4⌉` of the `n` sorted amounts (a value of the data,
/// R's type 1), and an amount equal to a bound belongs to the quarter below it, so the four
/// quarters split the amounts without overlap; tied quartiles leave a quarter empty.
public struct AmountQuarters: Sendable, Equatable {
  /// The lower quartile, the median and the upper quartile; empty without amounts.
  public let bounds: [Double]

  /// The quarters of `amounts` (finite).
  public init(_ amounts: [Double]) {
    let sorted = amounts.sorted()
    let n = sorted.count
    bounds = n == 0 ? [] : (1...3).map { j in sorted[(j * n + 3) / 4 - 1] }
  }

  /// The quarter of `amount`, 0 to 3: how many bounds lie below it.
  public func quarter(of amount: Double) -> Int {
    bounds.reduce(0) { $0 + (amount > $1 ? 1 : 0) }
  }

  /// The quarters' labels with the bounds as money (`AmountText.money`): `up to 1,200`,
  /// `1,200-3,400`, `3,400-9,800`, `over 9,800`.
  public var labels: [String] {
    guard bounds.count == 3 else { return [] }
    let b = bounds.map(AmountText.money)
    return ["up to \(b[0])", "\(b[0])-\(b[1])", "\(b[1])-\(b[2])", "over \(b[2])"]
  }

  /// `items` split by quarter, each with its label, in order from the smallest amounts.
  func groups<T>(_ items: [T], amount: (T) -> Double) -> [(label: String, rows: [T])] {
    var rows = [[T]](repeating: [], count: labels.count)
    for item in items { rows[quarter(of: amount(item))].append(item) }
    return Array(zip(labels, rows))
  }
}
