extension InputSchema {
  /// Amount columns in the company's own currency, and in each document's, by their
  /// normalized names (SAP FBL5N, Dynamics, in English and German).
  static let localAmountKeys: Set<String> = [
    "amountlcy", "amountinlocalcurrency", "betraginhauswahrung", "betraghw", "originalamountlcy",
    "originalamtlcy", "amountinaccountingcurrency", "amountincompanycodecurrency",
  ]
  static let documentAmountKeys: Set<String> = [
    "amountindoccurr", "amountindocumentcurrency", "betraginbelegwahrung",
    "amountintransactioncurrency",
  ]
  /// Currency columns of the company's own currency, and of each document's.
  static let localCurrencyKeys: Set<String> = [
    "localcurrency", "hauswahrung", "companycodecurrency", "accountingcurrency",
  ]
  static let documentCurrencyKeys: Set<String> = [
    "documentcurrency", "belegwahrung", "transactioncurrency", "invoicecurrencycode",
    "currencycode",
  ]

  /// Pairs the amount with a currency column of its own kind.
  ///
  /// An SAP or Dynamics export may carry the amount in the company's currency beside the
  /// documents' currency (`Amount in local currency` and `Document currency`), or the
  /// reverse: converting one with the other's codes would be silently wrong. The currency
  /// column of the amount's kind is taken instead when the header has one; without one, no
  /// currency column is used (the amounts are in one currency) and a warning says why. A
  /// currency given by `--map` is left as it is.
  static func pairCurrency(
    _ mapping: inout Mapping, keys: [String], header: [String], taken: inout Set<Int>,
    given: [String: String]
  ) {
    guard let a = mapping.index["amount"], let c = mapping.index["currency"],
      !given.keys.contains(where: { normalize($0) == "currency" })
    else { return }
    let (wanted, wrong): (Set<String>, Set<String>)
    if localAmountKeys.contains(keys[a]) {
      (wanted, wrong) = (localCurrencyKeys, documentCurrencyKeys)
    } else if documentAmountKeys.contains(keys[a]) {
      (wanted, wrong) = (documentCurrencyKeys, localCurrencyKeys)
    } else {
      return
    }
    guard wrong.contains(keys[c]) else { return }
    taken.remove(c)
    if let k = keys.indices.first(where: { !taken.contains($0) && wanted.contains(keys[$0]) }) {
      mapping.index["currency"] = k
      mapping.used["currency"] = header[k]
      taken.insert(k)
      return
    }
    mapping.index["currency"] = nil
    mapping.used["currency"] = nil
    mapping.warnings.append(
      "'\(header[c])' is not the currency of '\(header[a])', so it is not used: the amounts "
        + "are taken to be in one currency (--map currency=COLUMN names the amounts' currency)")
  }
}
