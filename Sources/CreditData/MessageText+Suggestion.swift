extension MessageText {
  /// The candidate closest to `word`, when it is close enough to be a slip of the keyboard.
  ///
  /// Closest: the fewest edits, ignoring case (ties: the first name in sorted order). Close
  /// enough: at most a third of the longer name's characters differ, and never more than 3.
  public static func closest(to word: String, among candidates: some Sequence<String>)
    -> String?
  {
    let key = word.lowercased()
    var best: (name: String, distance: Int)?
    for name in candidates {
      let d = InputSchema.editDistance(key, name.lowercased())
      if let b = best, (d, name) >= (b.distance, b.name) { continue }
      best = (name, d)
    }
    guard let best else { return nil }
    let allowed = min(3, max(1, max(key.count, best.name.count) / 3))
    return best.distance <= allowed ? best.name : nil
  }

  /// ` (did you mean 'name'?)` for the candidate closest to `word`, or "" when none is close.
  public static func didYouMean(_ word: String, among candidates: some Sequence<String>)
    -> String
  {
    closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
  }
}
