import CreditData

/// An industry level that the region alone tells apart on the training invoices, so it gets
/// no column of its own (`FeatureSpec.categoryLevels`).
public struct AliasedLevel: Codable, Sendable, Equatable {
  /// The industry level, scored like the industry baseline.
  public var level: String
  /// The regions it occurs with in training, sorted.
  public var regions: [String]
}

/// The levels of one category: its baseline, the levels with a column of their own and
/// those that join the baseline.
struct CategoryLevels: Sendable, Equatable {
  var baseline: String
  var levels: [String]
  var pooled: [String]
}

extension FeatureSpec {
  /// The most frequent value (ties: alphabetical first), the other frequent-enough levels and
  /// the rare ones, each sorted, from the rows per value (values without rows left out).
  static func levels(counts: [String: Int]) -> CategoryLevels {
    guard
      let baseline = counts.max(by: {
        $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key)
      })?
      .key
    else { return CategoryLevels(baseline: "", levels: [], pooled: []) }
    let levels = counts.filter { $0.key != baseline && $0.value >= minimumLevelCount }.keys.sorted()
    let pooled = counts.filter { $0.key != baseline && $0.value < minimumLevelCount }.keys.sorted()
    return CategoryLevels(baseline: baseline, levels: levels, pooled: pooled)
  }

  /// Training rows per (region, industry) pair: `pairs[region][industry]`, over the rows
  /// `including` is true of (default: all).
  static func pairCounts(
    regions: Categorical, industries: Categorical, including: (Int) -> Bool = { _ in true }
  ) -> [String: [String: Int]] {
    let width = industries.levels.count
    var perCode = [Int](repeating: 0, count: regions.levels.count * width)
    for k in regions.codes.indices where including(k) {
      perCode[Int(regions.codes[k]) * width + Int(industries.codes[k])] += 1
    }
    var pairs: [String: [String: Int]] = [:]
    for (r, region) in regions.levels.enumerated() {
      for (i, industry) in industries.levels.enumerated() where perCode[r * width + i] > 0 {
        pairs[region, default: [:]][industry, default: 0] += perCode[r * width + i]
      }
    }
    return pairs
  }

  /// The rows per region and per industry of rows counted by pair (`pairCounts`).
  static func marginals(_ pairs: [String: [String: Int]]) -> (
    regions: [String: Int], industries: [String: Int]
  ) {
    var regions: [String: Int] = [:]
    var industries: [String: Int] = [:]
    for (region, row) in pairs {
      for (industry, n) in row {
        regions[region, default: 0] += n
        industries[industry, default: 0] += n
      }
    }
    return (regions, industries)
  }

  /// Both categories' levels (`levels(counts:)` of the rows per region and per industry, the
  /// `marginals` of `pairs`), with the industry levels that the region alone tells apart on
  /// the training rows moved to the baseline.
  ///
  /// An intercept with one column per region and per industry level (baselines and pooled
  /// levels without one) has full rank exactly when the graph whose nodes are the levels
  /// (a baseline and its pooled levels one node) and whose edges are the pairs that occur is
  /// connected: each further component is a linear dependency (the sum of its regions'
  /// columns equals the sum of its industries'). That happens where the two describe the same
  /// customers, say every EMEA customer in Retail and every Retail customer in EMEA, and no
  /// fit could tell the two columns apart. For each component without the industry baseline,
  /// its least frequent industry level (ties: alphabetical first) joins the baseline, which
  /// joins the component to the baseline's: the design keeps the same span (every training
  /// row's prediction is what it would be with the dependent column), and the fits run
  /// instead of stopping at collinear columns the user cannot drop.
  ///
  /// - Returns: the levels, and the industry levels moved, with the regions each occurs with.
  /// - Parameter fixed: the levels to start from (default: `levels(counts:)` of each).
  static func categoryLevels(
    pairs: [String: [String: Int]], fixed: (CategoryLevels, CategoryLevels)? = nil
  ) -> (regions: CategoryLevels, industries: CategoryLevels, aliased: [AliasedLevel]) {
    let (regionCounts, industryCounts) = marginals(pairs)
    let regions = fixed?.0 ?? levels(counts: regionCounts)
    var industries = fixed?.1 ?? levels(counts: industryCounts)
    // Nodes: 0 the region baseline, then the region levels; then the industry baseline and
    // the industry levels.
    let regionNode = Dictionary(
      uniqueKeysWithValues: regions.levels.enumerated().map { ($1, $0 + 1) })
    let industryBaseline = regions.levels.count + 1
    let industryNode = Dictionary(
      uniqueKeysWithValues: industries.levels.enumerated().map { ($1, industryBaseline + $0 + 1) })
    var parent = Array(0...(industryBaseline + industries.levels.count))
    func root(_ a: Int) -> Int {
      var a = a
      while parent[a] != a { (parent[a], a) = (parent[parent[a]], parent[a]) }
      return a
    }
    func join(_ a: Int, _ b: Int) { parent[root(a)] = root(b) }
    for (region, row) in pairs {
      for (industry, n) in row where n > 0 {
        join(regionNode[region] ?? 0, industryNode[industry] ?? industryBaseline)
      }
    }
    // Each component's industry levels, least frequent first (ties: alphabetical first).
    let byCount = industries.levels.sorted {
      (industryCounts[$0] ?? 0, $0) < (industryCounts[$1] ?? 0, $1)
    }
    var aliased: [AliasedLevel] = []
    for level in byCount {
      guard let node = industryNode[level], root(node) != root(industryBaseline) else { continue }
      join(node, industryBaseline)
      let with = pairs.filter { ($0.value[level] ?? 0) > 0 }.keys.sorted()
      aliased.append(AliasedLevel(level: level, regions: with))
    }
    guard !aliased.isEmpty else { return (regions, industries, []) }
    let moved = Set(aliased.map(\.level))
    industries.levels.removeAll { moved.contains($0) }
    industries.pooled = (industries.pooled + moved).sorted()
    return (regions, industries, aliased.sorted { $0.level < $1.level })
  }
}
