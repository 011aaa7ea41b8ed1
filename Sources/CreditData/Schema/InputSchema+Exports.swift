/// The history and customers schemas, with the column names of the common ERP and
/// accounting exports (the README lists them by system).
///
/// Names are compared by `InputSchema.normalize` (case, spaces, punctuation and umlauts
/// folded), so `Document No.`, `DOCUMENT_NUMBER` and `document number` are one alias.
/// Sources: SAP FBL5N line items (English and German), Oracle Receivables transactions,
/// NetSuite and QuickBooks A/R reports, Microsoft Dynamics customer ledger entries, Xero
/// invoice exports, Sage 50 and Sage 200 customer transactions.
extension InputSchema {
  /// The invoice history schema.
  ///
  /// Required: `invoice_id, customer_id, issue_date, amount, paid_date`, and `due_date` unless
  /// `terms_days` is given. `open_amount` (what is still owed: Amount Due, Open Amount,
  /// Restbetrag, Amount Remaining) is never taken for the invoice amount: beside it, it is
  /// what a partly paid invoice still owes (`InvoiceHistory.openAmount`). `status` marks
  /// void and written-off rows (`InvoiceStatus`), `document_type` a ledger's payment and
  /// refund rows (`DocumentType`).
  public static let history = InputSchema(columns: [
    Column(
      name: "invoice_id",
      aliases: [
        "invoiceNumber", "invoice_number", "invoice", "invoice_no", "invoice_id", "document_number",
        "document_no", "doc_no", "belegnummer", "beleg_nr", "rechnungsnummer", "rechnung_nr",
        "transaction_number", "trx_number", "transaction_no", "num", "number", "no",
        "inv_no", "invoice_ref", "ref", "reference", "referenz",
      ] + foreign("invoice_id"),
      required: true),
    Column(
      name: "customer_id", aliases: customerIDAliases + foreign("customer_id"), required: true),
    Column(
      name: "issue_date",
      aliases: [
        "InvoiceDate", "invoice_date", "document_date", "belegdatum", "rechnungsdatum",
        "transaction_date", "trx_date", "date_issued", "posting_date", "buchungsdatum", "date",
        "datum",
      ] + foreign("issue_date"),
      required: true),
    Column(
      name: "due_date",
      aliases: [
        "DueDate", "due", "net_due_date", "nettofalligkeit", "nettofalligkeitsdatum",
        "falligkeitsdatum", "fallig_am", "falligkeit", "payment_due_date", "due_on",
      ] + foreign("due_date"),
      required: false),
    Column(
      name: "terms_days", aliases: ["terms", "payment_terms", "terms_in_days"], required: false),
    Column(
      name: "amount",
      aliases: [
        "InvoiceAmount", "invoice_amount", "original_amount", "amount_due_original",
        "original_amt", "original_amount_lcy", "original_amt_lcy", "amount_lcy",
        "amount_in_local_currency", "betrag_in_hauswahrung", "betrag_hw",
        "amount_in_doc_curr", "amount_in_document_currency", "betrag_in_belegwahrung",
        "betrag", "rechnungsbetrag", "bruttobetrag", "invoice_total", "total_amount",
        "transaction_amount", "amount_in_transaction_currency", "gross_amount", "gross",
        "total",
      ] + foreign("amount"),
      required: true),
    Column(
      name: "open_amount",
      aliases: [
        "amount_due", "amount_remaining", "remaining_amount", "amount_due_remaining",
        "remaining_amt_lcy", "remaining_amount_lcy", "open_amount", "open_balance",
        "balance_due", "outstanding", "outstanding_amount", "restbetrag", "offener_betrag",
        "offen", "balance", "invoice_amount_due", "total_due",
      ] + foreign("open_amount"),
      required: false),
    Column(
      name: "paid_date",
      aliases: [
        "SettledDate", "settled_date", "payment_date", "cleared_date", "clearing_date",
        "ausgleichsdatum", "date_closed", "closed_date", "closed_at_date", "gl_date_closed",
        "actual_date_closed", "date_paid", "paid_date", "fully_paid_on_date",
        "date_fully_paid", "last_payment_date", "receipt_date", "zahlungsdatum", "paid_on",
        // Last: `Paid` is the amount paid in FreshBooks and Sage, beside a `Date Paid`;
        // `Closed` is the day Dynamics 365 settled the customer transaction.
        "paid", "closed",
      ] + foreign("paid_date"),
      required: true),
    Column(name: "currency", aliases: currencyAliases + foreign("currency"), required: false),
    Column(
      name: "disputed", aliases: ["Disputed", "in_dispute", "dispute", "strittig"], required: false),
    Column(
      name: "paperless", aliases: ["PaperlessBill", "paperless_bill", "e_invoice"],
      required: false),
    Column(name: "written_off", aliases: ["write_off", "bad_debt"], required: false),
    Column(
      name: "status", aliases: ["invoice_status", "document_status", "doc_status"],
      required: false),
    Column(name: "document_type", aliases: ["doc_type", "belegart"], required: false),
    Column(name: "region", aliases: regionAliases, required: false),
    Column(name: "industry", aliases: industryAliases, required: false),
    Column(
      name: "credit_limit", aliases: creditLimitAliases + foreign("credit_limit"), required: false),
  ])

  /// The customers file schema: only `customer_id` is required.
  public static let customers = InputSchema(columns: [
    Column(
      name: "customer_id", aliases: customerIDAliases + foreign("customer_id"), required: true),
    Column(
      name: "credit_limit", aliases: creditLimitAliases + foreign("credit_limit"), required: false),
    Column(name: "region", aliases: regionAliases, required: false),
    Column(name: "industry", aliases: industryAliases, required: false),
    // The currency of the credit limit (converted with `--fx` when it is another).
    Column(name: "currency", aliases: currencyAliases, required: false),
    Column(
      name: "customer_since",
      aliases: [
        "since", "customer_since_date", "account_opened", "opened", "start_date", "kunde_seit",
      ],
      required: false),
  ])

  // The customer's identity and attributes are named alike in the history and in a customer
  // master export of the same system, so the two files share these lists: a customers file
  // whose id column is `Customer Account` or `Name` joins a history that used the same name.
  // Aliases are tried in order, ids before names, so `Customer No.` wins over `Name`.

  static let currencyAliases = [
    "currency_code", "curr", "local_currency", "hauswahrung", "wahrung", "document_currency",
    "belegwahrung", "invoice_currency_code", "transaction_currency", "currency_iso_code",
  ]

  static let customerIDAliases = [
    "customerID", "customer", "customer_number", "customer_no", "customer_account",
    "customer_account_number", "bill_to_customer_number", "bill_to_customer_no",
    "sell_to_customer_no", "account", "account_id", "account_number",
    "account_reference", "a_c", "kunde", "kundennummer", "debitor", "konto",
    "client_id", "client_number", "contact_name", "contact", "customer_name", "client_name",
    "client", "co_last_name", "partner", "business_partner", "entity", "name",
  ]

  static let creditLimitAliases = [
    "creditLimit", "limit", "kreditlimit", "credit_limit_lcy", "credit_line",
    "overall_credit_limit", "credit_limit_amount", "kreditrahmen",
  ]

  static let regionAliases = ["countryCode", "country", "country_code", "land", "bill_to_country"]

  static let industryAliases = ["sector", "branche"]
}
