import CreditData

extension CreditPolicy {
  /// The keys of a policy file, in the order `creditrisk policy --defaults` documents them
  /// (a test checks they are the keys the policy encodes; `lossGivenDefault` only when
  /// stated, as it has no default).
  public static let fileKeys = [
    "gradeBounds", "gradeNames", "scoreBase", "scoreBaseOdds", "pointsToDoubleOdds",
    "gradeLimitFactors", "volumeLookbackDays", "maximumIncrease", "maximumDecrease",
    "holdDaysPastDue", "holdGrades", "holdUtilisation", "activityLookbackDays",
    "lossGivenDefault",
  ]

  /// The command that prints a policy file with every key.
  public static let defaultsCommand = "creditrisk policy --defaults"

  /// Checks that there is one grade name more than bounds, and that the bounds increase.
  ///
  /// Two equal bounds would leave the grade between them with no PD at all.
  /// - Throws: `PolicyError.invalid` naming the counts, or the first bound not above the one
  ///   before it.
  func checkGradeBounds() throws {
    guard gradeNames.count == gradeBounds.count + 1 else {
      throw PolicyError.invalidKey(
        "gradeBounds",
        reason:
          "gradeNames has \(gradeNames.count) names and gradeBounds \(gradeBounds.count) bounds; "
          + "expected one name more than bounds")
    }
    for k in gradeBounds.indices.dropFirst() where !(gradeBounds[k] > gradeBounds[k - 1]) {
      throw PolicyError.invalidKey(
        "gradeBounds[\(k)]",
        reason: "gradeBounds[\(k)] is \(gradeBounds[k]), not above gradeBounds[\(k - 1)] "
          + "(\(gradeBounds[k - 1])), which would leave grade "
          + "\(MessageText.oneLine(gradeNames[k], limit: 60)) with no PD; "
          + "expected bounds that increase")
    }
  }

  /// Checks that the grades named elsewhere are grades of `gradeNames`, and that every grade
  /// has a limit factor.
  /// - Throws: `PolicyError.invalid` naming the key, the grade and the grades there are.
  func checkGradeNames() throws {
    let grades = gradeNames.joined(separator: ", ")
    if Set(gradeNames).count != gradeNames.count {
      throw PolicyError.invalidKey(
        "gradeNames", reason: "gradeNames has a name twice; expected distinct names")
    }
    for grade in gradeLimitFactors.keys.sorted() where !gradeNames.contains(grade) {
      throw PolicyError.invalidKey(
        "gradeLimitFactors.\(grade)",
        reason: "gradeLimitFactors.\(MessageText.oneLine(grade, limit: 60)) is not a grade"
          + MessageText.didYouMean(grade, among: gradeNames) + "; expected one of \(grades)")
    }
    for grade in gradeNames where gradeLimitFactors[grade] == nil {
      throw PolicyError.invalidKey(
        "gradeLimitFactors",
        reason:
          "gradeLimitFactors has no factor for grade \(grade); expected one for each of \(grades)")
    }
    for grade in holdGrades where !gradeNames.contains(grade) {
      throw PolicyError.invalidKey(
        "holdGrades",
        reason: "holdGrades has '\(MessageText.oneLine(grade, limit: 60))', not a grade"
          + MessageText.didYouMean(grade, among: gradeNames) + "; expected some of \(grades)")
    }
  }
}
