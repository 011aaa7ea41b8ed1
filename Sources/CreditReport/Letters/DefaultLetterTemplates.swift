/// The default letter templates, the same text as the files in the repository's
/// `templates/letters/` (which a user copies and edits for `--letter-templates`).
enum DefaultLetterTemplates {
  /// File name → text.
  static let files: [(name: String, text: String)] = [
    (
      "agency-referral.txt",
      #"""
      Customer {{customer_id}}                                        {{as_of}}

      NOTICE OF REFERRAL

      Dear customer,

      The following invoices remain unpaid after our final demand:

        Invoice {{invoice_id}}, due {{due_date}}: {{amount}} ({{overdue}})

      Total overdue: {{total_due}}
      Amounts in {{currency}}.

      The debt is being referred to our collection agency on {{action_date}}.

      Yours sincerely,
      Credit control

      """#
    ),
    (
      "call.txt",
      #"""
      CALL SHEET: customer {{customer_id}}, call on {{action_date}} (as of {{as_of}})

      Open balance {{open_balance}}, overdue {{overdue_balance}}.
      Amounts in {{currency}}.

      Invoices to discuss:
        {{invoice_id}}: {{amount}}, due {{due_date}}, {{overdue}} ({{invoice_action}})

      Promise on record: {{promise}}.
      Payment plan: {{plan}}.

      Ask for a payment date and amount; record it as a promise to pay.

      """#
    ),
    (
      "check-promise.txt",
      #"""
      Customer {{customer_id}}                                        {{as_of}}

      Dear customer,

      Thank you for your promise to pay {{promise}}.

      It covers these invoices:

        Invoice {{invoice_id}}, due {{due_date}}: {{amount}}

      We will check for your payment on {{action_date}}.

      Yours sincerely,
      Credit control

      """#
    ),
    (
      "default.txt",
      #"""
      Customer {{customer_id}}                                        {{as_of}}

      Dear customer,

      Our records show the following invoices for your attention:

        Invoice {{invoice_id}}, due {{due_date}}: {{amount}} ({{overdue}})

      Total: {{total_due}}
      Amounts in {{currency}}.
      Your promise to pay: {{promise}}.
      Your payment plan: {{plan}}.

      Next step: {{action}} on {{action_date}}.

      Yours sincerely,
      Credit control

      """#
    ),
    (
      "demand-letter.txt",
      #"""
      Customer {{customer_id}}                                        {{as_of}}

      FINAL DEMAND

      Dear customer,

      Despite our reminders, the following invoices remain unpaid:

        Invoice {{invoice_id}}, due {{due_date}}: {{amount}} ({{overdue}})

      Total overdue: {{total_due}}
      Amounts in {{currency}}.
      Promise to pay on record: {{promise}}.

      Unless the full amount reaches us within 14 days, we will refer the debt for collection
      without further notice.

      Yours sincerely,
      Credit control

      """#
    ),
    (
      "dispute-resolution.txt",
      #"""
      Customer {{customer_id}}                                        {{as_of}}

      Dear customer,

      We are looking into your query about the following invoices:

        Invoice {{invoice_id}}: {{amount}}, due {{due_date}}

      Reminders for these invoices are paused while we resolve it. We will be in touch by
      {{action_date}}.

      Yours sincerely,
      Credit control

      """#
    ),
    (
      "follow-up.txt",
      #"""
      Customer {{customer_id}}                                        {{as_of}}

      Dear customer,

      We have not yet received payment of the following invoices:

        Invoice {{invoice_id}}, due {{due_date}}: {{amount}} ({{overdue}})

      Total overdue: {{total_due}}
      Amounts in {{currency}}.
      Your payment plan: {{plan}}.

      Please arrange payment, or tell us of any query, by return.

      Yours sincerely,
      Credit control

      """#
    ),
    (
      "pre-due-reminder.txt",
      #"""
      Customer {{customer_id}}                                        {{as_of}}

      Dear customer,

      A friendly reminder that the following invoices fall due soon:

        Invoice {{invoice_id}}: {{amount}}, due {{due_date}}

      Total: {{total_due}}
      Amounts in {{currency}}.

      If you have already arranged payment, thank you, and please disregard this reminder.

      Yours sincerely,
      Credit control

      """#
    ),
  ]
}
