extension String {
  /// `digits` left-padded with zeros to `width` characters (as they are when already that
  /// long): the fixed-width numbers in ids, hashes, file names and messages.
  public init(zeroPadded digits: String, width: Int) {
    self =
      digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
