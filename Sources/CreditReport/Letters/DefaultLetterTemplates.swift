/// The default letter templates, the same text as the files in the repository's
/// `templates/letters/` (which a user copies and edits for `--letter-templates`).
enum DefaultLetterTemplates {
  /// File name → text.
  static let files: [(name: String, text: String)] = [
    (
      "agency-referral.txt",
      letter(
        title: "NOTICE OF REFERRAL",
        #"""
        The following invoices remain unpaid after our final demand:

          Invoice {{invoice_id}}, due {{due_date}}: {{amount}} ({{overdue}})

        Total overdue: {{total_overdue}}
        Amounts in {{currency}}.

        The debt is being referred to our collection agency on {{action_date}}.

        """#)
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
      letter(
        #"""
        Thank you for your promise to pay {{promise}}.

        It covers these invoices:

          Invoice {{invoice_id}}, due {{due_date}}: {{amount}}

        We will check for your payment on {{action_date}}.

        """#)
    ),
    (
      "default.txt",
      letter(
        #"""
        Our records show the following invoices for your attention:

          Invoice {{invoice_id}}, due {{due_date}}: {{amount}} ({{overdue}})

        Total: {{total_due}}
        Amounts in {{currency}}.
        Your promise to pay: {{promise}}.
        Your payment plan: {{plan}}.

        Next step: {{action}} on {{action_date}}.

        """#)
    ),
    (
      "demand-letter.txt",
      letter(
        title: "FINAL DEMAND",
        #"""
        Despite our reminders, the following invoices remain unpaid:

          Invoice {{invoice_id}}, due {{due_date}}: {{amount}} ({{overdue}})

        Total overdue: {{total_overdue}}
        Amounts in {{currency}}.
        Promise to pay on record: {{promise}}.

        Unless the full amount reaches us within 14 days, we will refer the debt for collection
        without further notice.

        """#)
    ),
    (
      "dispute-resolution.txt",
      letter(
        #"""
        We are looking into your query about the following invoices:

          Invoice {{invoice_id}}: {{amount}}, due {{due_date}}

        Reminders for these invoices are paused while we resolve it. We will be in touch by
        {{action_date}}.

        """#)
    ),
    (
      "follow-up.txt",
      letter(
        #"""
        We have not yet received payment of the following invoices:

          Invoice {{invoice_id}}, due {{due_date}}: {{amount}} ({{overdue}})

        Total overdue: {{total_overdue}}
        Amounts in {{currency}}.
        Your payment plan: {{plan}}.

        Please arrange payment, or tell us of any query, by return.

        """#)
    ),
    (
      "pre-due-reminder.txt",
      letter(
        #"""
        A friendly reminder that the following invoices fall due soon:

          Invoice {{invoice_id}}: {{amount}}, due {{due_date}}

        Total: {{total_due}}
        Amounts in {{currency}}.

        If you have already arranged payment, thank you, and please disregard this reminder.

        """#)
    ),
  ]

  /// A letter to a customer: the customer and date line, a title when given, the salutation,
  /// `body` (ending in a newline) and the signature.
  static func letter(title: String? = nil, _ body: String) -> String {
    "Customer {{customer_id}}                                        {{as_of}}\n\n"
      + (title.map { $0 + "\n\n" } ?? "") + "Dear customer,\n\n" + body
      + "\nYours sincerely,\nCredit control\n"
  }
}
