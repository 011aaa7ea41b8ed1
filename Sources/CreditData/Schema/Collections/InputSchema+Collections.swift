/// The schemas of the optional collections files beside the history: promises to pay and
/// disputes, with the names the common collections and ERP exports give their columns.
extension InputSchema {
  /// Promises to pay: `customer_id, invoice_id` (optional: empty = the customer's open
  /// invoices), `amount, promised_date`, `made_on` (optional).
  public static let promises = InputSchema(columns: [
    .collectionsCustomerID,
    .collectionsInvoiceID(required: false),
    Column(
      name: "amount",
      aliases: ["promised_amount", "promise_amount", "amount_promised", "ptp_amount"],
      required: true),
    Column(
      name: "promised_date",
      aliases: [
        "promise_date", "ptp_date", "payment_promised_on", "promised_payment_date", "pay_by",
      ],
      required: true),
    Column(
      name: "made_on",
      aliases: ["promise_made", "made", "created", "created_on", "entered_on", "recorded_on"],
      required: false),
  ])

  /// Disputes: `invoice_id, opened`, `resolved` (empty = still open), `reason` (optional).
  public static let disputes = InputSchema(columns: [
    .collectionsInvoiceID(required: true),
    Column(
      name: "opened",
      aliases: ["opened_on", "dispute_date", "date_opened", "created", "created_on", "raised_on"],
      required: true),
    Column(
      name: "resolved",
      aliases: ["resolved_on", "date_resolved", "closed", "closed_on", "resolution_date"],
      required: false),
    Column(
      name: "reason", aliases: ["dispute_reason", "reason_code", "category", "cause"],
      required: false),
  ])

  /// Discounts offered: `invoice_id, taken` (empty while the window runs), with the offer's
  /// `customer_id, discount_percent, discount_days` recognised.
  public static let discounts = InputSchema(columns: [
    .collectionsInvoiceID(required: true),
    Column(name: "customer_id", aliases: ["customerID", "customer"], required: false),
    Column(name: "discount_percent", aliases: ["discount", "discount_pct"], required: false),
    Column(name: "discount_days", aliases: ["discount_window"], required: false),
    Column(
      name: "taken", aliases: ["discount_taken", "taken_up", "accepted"], required: true),
  ])
}

extension InputSchema.Column {
  /// The customer id of a collections file (promises, accepted plans), by the names
  /// collections tools and ERP exports give it.
  static let collectionsCustomerID = Self(
    name: "customer_id",
    aliases: ["customerID", "customer", "customer_number", "customer_no", "account", "debitor"],
    required: true)

  /// The invoice id of a collections file (promises, disputes, discounts).
  static func collectionsInvoiceID(required: Bool) -> Self {
    Self(
      name: "invoice_id",
      aliases: ["invoiceNumber", "invoice_number", "invoice", "invoice_no", "document_number"],
      required: required)
  }
}
