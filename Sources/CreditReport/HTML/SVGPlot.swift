#if canImport(Glibc)
  import Glibc
#endif

/// A chart canvas that maps data coordinates to an inline SVG, with axes, grid lines and the usual
/// marks (bars, lines, steps, areas, points, labels).
///
/// Charts are built by appending marks and rendered once; styling is by CSS class (the report's
/// stylesheet).
///
/// Output is deterministic: coordinates are written with one decimal.
struct SVGPlot {
  var width = 680.0
  var height = 300.0
  var left = 72.0
  var right = 16.0
  var top = 16.0
  var bottom = 48.0
  var xDomain: ClosedRange<Double>
  var yDomain: ClosedRange<Double>
  private(set) var marks: [String] = []

  init(x: ClosedRange<Double>, y: ClosedRange<Double>, width: Double = 680, height: Double = 300) {
    precondition(x.upperBound > x.lowerBound && y.upperBound > y.lowerBound, "empty domain")
    self.xDomain = x
    self.yDomain = y
    self.width = width
    self.height = height
  }

  // MARK: - Scales

  /// Pixel x of a data x.
  func px(_ v: Double) -> Double {
    left + (v - xDomain.lowerBound) / (xDomain.upperBound - xDomain.lowerBound)
      * (width - left - right)
  }

  /// Pixel y of a data y (up is larger).
  func py(_ v: Double) -> Double {
    height - bottom - (v - yDomain.lowerBound) / (yDomain.upperBound - yDomain.lowerBound)
      * (height - top - bottom)
  }

  private static func c(_ v: Double) -> String { HTMLText.coordinate(v) }

  // MARK: - Axes

  /// Grid lines and tick labels on both axes, and the axis titles.
  mutating func axes(
    xTicks: [(Double, String)], yTicks: [(Double, String)], xTitle: String, yTitle: String
  ) {
    for (v, label) in yTicks {
      let y = Self.c(py(v))
      marks.append(
        "<line class=\"grid\" x1=\"\(Self.c(left))\" y1=\"\(y)\" x2=\"\(Self.c(width - right))\" y2=\"\(y)\"/>"
      )
      marks.append(
        "<text class=\"tick\" x=\"\(Self.c(left - 6))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(HTMLText.escape(label))</text>"
      )
    }
    for (v, label) in xTicks {
      marks.append(
        "<text class=\"tick\" x=\"\(Self.c(px(v)))\" y=\"\(Self.c(height - bottom + 16))\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>"
      )
    }
    let x0 = Self.c(left)
    let y0 = Self.c(height - bottom)
    marks.append(
      "<line class=\"axis\" x1=\"\(x0)\" y1=\"\(y0)\" x2=\"\(Self.c(width - right))\" y2=\"\(y0)\"/>"
    )
    marks.append(
      "<line class=\"axis\" x1=\"\(x0)\" y1=\"\(Self.c(top))\" x2=\"\(x0)\" y2=\"\(y0)\"/>")
    marks.append(
      "<text class=\"axis-title\" x=\"\(Self.c((left + width - right) / 2))\" y=\"\(Self.c(height - 6))\" text-anchor=\"middle\">\(HTMLText.escape(xTitle))</text>"
    )
    marks.append(
      "<text class=\"axis-title\" transform=\"translate(14 \(Self.c((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTMLText.escape(yTitle))</text>"
    )
  }

  // MARK: - Marks

  /// A bar from `y0` to `y1` between `x0` and `x1` (data coordinates), with a tooltip.
  mutating func bar(
    x0: Double, x1: Double, y0: Double = 0, y1: Double, cssClass: String, tooltip: String
  ) {
    let top = min(py(y0), py(y1))
    let h = abs(py(y1) - py(y0))
    marks.append(
      "<rect class=\"\(cssClass)\" x=\"\(Self.c(px(x0)))\" y=\"\(Self.c(top))\" width=\"\(Self.c(px(x1) - px(x0)))\" height=\"\(Self.c(h))\"><title>\(HTMLText.escape(tooltip))</title></rect>"
    )
  }

  /// A polyline through the points.
  mutating func line(_ points: [(Double, Double)], cssClass: String) {
    guard let first = points.first else { return }
    var d = "M\(Self.c(px(first.0))) \(Self.c(py(first.1)))"
    for p in points.dropFirst() { d += " L\(Self.c(px(p.0))) \(Self.c(py(p.1)))" }
    marks.append("<path class=\"\(cssClass)\" d=\"\(d)\"/>")
  }

  /// A right-continuous step function: horizontal to each next x, then vertical.
  mutating func steps(_ points: [(Double, Double)], cssClass: String, tooltip: String) {
    guard let first = points.first else { return }
    var d = "M\(Self.c(px(first.0))) \(Self.c(py(first.1)))"
    var lastY = first.1
    for p in points.dropFirst() {
      d += " H\(Self.c(px(p.0)))"
      if p.1 != lastY { d += " V\(Self.c(py(p.1)))" }
      lastY = p.1
    }
    marks.append(
      "<path class=\"\(cssClass)\" d=\"\(d)\"><title>\(HTMLText.escape(tooltip))</title></path>")
  }

  /// The area between two curves sharing x values (a band).
  mutating func area(x: [Double], lower: [Double], upper: [Double], cssClass: String) {
    guard !x.isEmpty else { return }
    var d = "M\(Self.c(px(x[0]))) \(Self.c(py(upper[0])))"
    for i in x.indices.dropFirst() { d += " L\(Self.c(px(x[i]))) \(Self.c(py(upper[i])))" }
    for i in x.indices.reversed() { d += " L\(Self.c(px(x[i]))) \(Self.c(py(lower[i])))" }
    marks.append("<path class=\"\(cssClass)\" d=\"\(d) Z\"/>")
  }

  /// A point with a tooltip.
  mutating func point(_ x: Double, _ y: Double, radius: Double, cssClass: String, tooltip: String) {
    marks.append(
      "<circle class=\"\(cssClass)\" cx=\"\(Self.c(px(x)))\" cy=\"\(Self.c(py(y)))\" r=\"\(Self.c(radius))\"><title>\(HTMLText.escape(tooltip))</title></circle>"
    )
  }

  /// A text label at data coordinates, nudged by `dy` pixels.
  mutating func label(
    _ text: String, x: Double, y: Double, dy: Double = -4, anchor: String = "middle"
  ) {
    marks.append(
      "<text class=\"value\" x=\"\(Self.c(px(x)))\" y=\"\(Self.c(py(y) + dy))\" text-anchor=\"\(anchor)\">\(HTMLText.escape(text))</text>"
    )
  }

  /// A legend, one row per entry, in the top-right corner of the plot area.
  mutating func legend(_ entries: [(label: String, cssClass: String)], atLeft: Bool = false) {
    let x = atLeft ? left + 12 : width - right - 170
    for (i, e) in entries.enumerated() {
      let y = top + 8 + Double(i) * 18
      marks.append(
        "<rect class=\"\(e.cssClass) swatch\" x=\"\(Self.c(x))\" y=\"\(Self.c(y - 6))\" width=\"14\" height=\"10\"/>"
      )
      marks.append(
        "<text class=\"legend\" x=\"\(Self.c(x + 20))\" y=\"\(Self.c(y + 3))\">\(HTMLText.escape(e.label))</text>"
      )
    }
  }

  /// The `<svg>` element.
  func render(title: String) -> String {
    "<svg class=\"chart\" viewBox=\"0 0 \(Self.c(width)) \(Self.c(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>\(HTMLText.escape(title))</title>\n"
      + marks.joined(separator: "\n") + "\n</svg>"
  }

  // MARK: - Ticks

  /// About `count` round tick values from 0 (or `lower`) to at least `upper`: steps of
  /// 1, 2 or 5 times a power of ten.
  static func niceTicks(lower: Double = 0, upper: Double, count: Int = 5) -> [Double] {
    let span = max(upper - lower, 1e-9)
    let raw = span / Double(count)
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    var ticks: [Double] = []
    var v = (lower / step).rounded(.down) * step
    while v < upper + step * 0.999 {
      ticks.append(v)
      v += step
      if ticks.count > 50 { break }
    }
    return ticks
  }
}
