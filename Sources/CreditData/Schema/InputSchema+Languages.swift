/// Column names of invoice exports in French, Spanish, Portuguese, Italian and Dutch, as
/// accounting systems and spreadsheets of those countries write them.
///
/// They are compared like every alias (`InputSchema.normalize`: case, spaces, punctuation and
/// accents folded, so `Numéro de facture`, `NUMERO_DE_FACTURE` and `numero de factura` are
/// compared as written). Codes come before names (`Código cliente` before `Cliente`), as in
/// the English lists.
extension InputSchema {
  static let foreignAliases: [String: [String]] = [
    "invoice_id": [
      // French, Spanish, Portuguese, Italian, Dutch.
      "numero_de_facture", "numero_facture", "n_facture", "no_facture", "facture",
      "numero_de_factura", "numero_factura", "n_factura", "factura", "numero_da_fatura",
      "numero_fatura", "fatura", "nota_fiscal", "numero_fattura", "n_fattura", "fattura",
      "factuurnummer", "factuurnr", "factuur",
    ],
    "customer_id": [
      "code_client", "numero_client", "codigo_cliente", "codigo_do_cliente", "codice_cliente",
      "klantnummer", "klantnr", "debiteurnummer", "debiteur", "client", "cliente", "klant",
      "nom_du_client", "nombre_cliente", "nome_do_cliente", "ragione_sociale", "klantnaam",
    ],
    "issue_date": [
      "date_de_facture", "date_facture", "date_d_emission", "fecha_de_factura",
      "fecha_factura", "fecha_de_emision", "fecha_emision", "data_de_emissao", "data_emissao",
      "data_da_fatura", "data_fattura", "data_documento", "factuurdatum", "fecha",
    ],
    "due_date": [
      "date_d_echeance", "date_echeance", "echeance", "fecha_de_vencimiento",
      "fecha_vencimiento", "vencimiento", "data_de_vencimento", "data_vencimento", "vencimento",
      "data_scadenza", "scadenza", "vervaldatum",
    ],
    "amount": [
      "montant", "montant_ttc", "montant_facture", "importe", "importe_total", "total_factura",
      "valor", "valor_total", "valor_da_fatura", "importo", "importo_totale", "totale", "bedrag",
      "factuurbedrag", "totaal",
    ],
    "open_amount": [
      "solde", "reste_a_payer", "montant_restant", "saldo", "importe_pendiente", "pendiente",
      "valor_em_aberto", "em_aberto", "residuo", "importo_residuo", "openstaand",
      "openstaand_bedrag",
    ],
    "paid_date": [
      "date_de_paiement", "date_paiement", "date_de_reglement", "date_reglement",
      "fecha_de_pago", "fecha_pago", "fecha_de_cobro", "fecha_cobro", "data_de_pagamento",
      "data_pagamento", "data_do_pagamento", "data_incasso", "betaaldatum", "datum_betaald",
    ],
    "currency": ["devise", "moneda", "divisa", "moeda", "valuta"],
    "credit_limit": [
      "limite_de_credit", "plafond", "limite_de_credito", "limite_credito", "fido",
      "kredietlimiet",
    ],
  ]

  /// The foreign names of `column` (none for the others).
  static func foreign(_ column: String) -> [String] { foreignAliases[column] ?? [] }
}
