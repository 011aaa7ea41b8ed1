import CreditData

extension FeatureSpec {
  /// The category levels of the rows of `regions` and `industries` that training never saw
  /// (`region 391`, `industry Retail`, `industry (none)` for an empty one), which the design
  /// scores as the baseline level.
  public func unseenLevels(regions: Categorical, industries: Categorical) -> [String] {
    var out: [String] = []
    for (name, values, levels, baseline, pooled) in [
      ("region", regions, regionLevels, regionBaseline, pooledRegionLevels),
      ("industry", industries, industryLevels, industryBaseline, pooledIndustryLevels),
    ] {
      let columns = Self.columns(
        of: values, levels: levels, baseline: baseline, pooled: pooled, first: 0)
      let present = Set(values.codes)
      for (code, level) in values.levels.enumerated()
      where columns[code] == Self.unseenLevel && present.contains(Int32(code)) {
        out.append("\(name) " + (level.isEmpty ? "(none)" : level))
      }
    }
    return out
  }
}
