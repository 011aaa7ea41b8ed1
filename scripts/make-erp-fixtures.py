#!/usr/bin/env python3
"""Re-exports the IBM accounts-receivable sample in the shapes ERPs and accounting systems
write, into Tests/Fixtures/erp/ (standard library only; run from the repository root).

    python3 scripts/make-erp-fixtures.py

Every shape below carries the whole IBM history (2466 invoices) unless said otherwise, so a
model trained on it must equal the one trained on datasets/ibm-accounts-receivable.csv.
Values are written the way each system writes them; nothing is rounded or dropped.

- sap-fbl5n-de.csv: SAP FBL5N line items, German headers, Windows-1252, semicolons, title
  lines, decimal comma with '.' grouping, D.M.YYYY, disputed as SAP's 'X', totals row '*'.
- sap-fbl5n-en.csv: the same list with English headers, UTF-8, decimal comma, and a trailing
  minus on the (zero-balance) cleared-amount column; totals row.
- sap-credit-notes.csv: a short SAP-style list whose credit notes carry a trailing minus
  (values checked in the tests, not a whole history).
- netsuite.csv: NetSuite A/R register: title lines, '$1,234.56' amounts, M/D/YYYY, an
  'Amount Remaining' column (the open amount, never the invoice amount), totals row.
- quickbooks.csv: QuickBooks invoice list grouped by customer: heading rows, 'Total <name>'
  subtotal rows, a final TOTAL row, parentheses for negatives in 'Open Balance'.
- excel-utf8-bom.csv: what Excel's "CSV UTF-8" writes: a byte order mark and CRLF.
- oracle-ar.csv: Oracle Receivables transactions: upper-case column names, DD-MON-YY dates,
  AMOUNT_DUE_ORIGINAL and AMOUNT_DUE_REMAINING.
- tab-separated.txt: the IBM columns, tab-separated.
- iso-timestamps.csv: dates as ISO timestamps with a time and zone.
- multi-currency.csv and fx-rates.csv: a currency per country (EUR, USD, GBP) with amounts in
  that currency; the rates (EUR 2, GBP 0.5, USD 1) are powers of two, so amount x rate gives
  back the original amount exactly and the converted history is the IBM history.
- amount-due-only.csv: an export whose only amount column is 'Amount Due' (the open amount):
  a short history that must be refused, naming --map.
- dynamics-365.csv: Dynamics 365 Finance customer transactions: 'Customer account',
  'Amount in transaction currency' with digit grouping, and the settlement day in 'Closed'.
- excel-hyphen-dates.csv: a spreadsheet of Dutch or Indian habits: dates as DD-MM-YYYY,
  amounts in Excel's accounting format (' $ 1,234.56 ') and a zero 'Open Balance' as ' $ - '.
- ibm.xlsx: the IBM history as an Excel workbook written with zipfile: shared strings, an
  inline string, dates as serial numbers with a date number format, invoice numbers stored
  as text, amounts as numbers; a title row above the header.
"""

import csv
import datetime as dt
import io
import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "datasets", "ibm-accounts-receivable.csv")
OUT = os.path.join(ROOT, "Tests", "Fixtures", "erp")
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def rows():
    with open(SOURCE, newline="") as f:
        return list(csv.DictReader(f))


def day(text):
    m, d, y = (int(p) for p in text.split("/"))
    return dt.date(y, m, d)


def cents(text):
    """The amount in whole cents (the sample has two decimals at most)."""
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def grouped(c, group, mark):
    """Cents as text with digit grouping: grouped(123456, '.', ',') == '1.234,56'."""
    sign = "-" if c < 0 else ""
    c = abs(c)
    whole = f"{c // 100:,}".replace(",", group)
    return f"{sign}{whole}{mark}{c % 100:02d}"


def write(name, data, encoding="utf-8"):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode(encoding))


def text_csv(table, delimiter=",", line="\n"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=line, quoting=csv.QUOTE_MINIMAL)
    w.writerows(table)
    return buf.getvalue()


def sap(data, german):
    if german:
        header = ["Kunde", "Belegnummer", "Belegart", "Belegdatum", "Nettofälligkeit",
                  "Ausgleichsdatum", "Betrag in Hauswährung", "Hauswährung", "Strittig",
                  "PaperlessBill", "Land"]
        title = [["Kundeneinzelposten anzeigen"], ["Buchungskreis 1000  Stichtag 31.12.2013"], []]
    else:
        header = ["Customer", "Document Number", "Document Type", "Document Date",
                  "Net Due Date", "Clearing Date", "Amount in Local Currency", "Local Currency",
                  "Disputed", "PaperlessBill", "Country", "Cleared Amount"]
        title = [["Customer Line Item Display"], ["Company Code 1000"]]
    table = list(title) + [header]
    total = 0
    for r in data:
        d = lambda k: day(r[k]).strftime("%d.%m.%Y")
        c = cents(r["InvoiceAmount"])
        total += c
        row = [r["customerID"], r["invoiceNumber"], "RV", d("InvoiceDate"), d("DueDate"),
               d("SettledDate"), grouped(c, ".", ","), "USD"]
        if german:
            row += ["X" if r["Disputed"] == "Yes" else "", r["PaperlessBill"], r["countryCode"]]
        else:
            row += [r["Disputed"], r["PaperlessBill"], r["countryCode"], grouped(c, ".", ",") + "-"]
        table.append(row)
    table.append(["*", "", "", "", "", "", grouped(total, ".", ","), "USD"])
    return text_csv(table, ";", "\r\n")


def sap_credit_notes():
    header = ["Kunde", "Belegnummer", "Belegart", "Belegdatum", "Nettofälligkeit",
              "Ausgleichsdatum", "Betrag in Hauswährung", "Hauswährung"]
    table = [header,
             ["K1", "1800001", "RV", "02.01.2013", "01.02.2013", "15.01.2013", "1.234,56", "EUR"],
             ["K1", "1800002", "DG", "05.01.2013", "05.01.2013", "05.01.2013", "123,45-", "EUR"],
             ["K2", "1800003", "RV", "07.01.2013", "06.02.2013", "", "10.000,00", "EUR"],
             ["K2", "1800004", "DG", "09.01.2013", "09.01.2013", "", "0,99-", "EUR"],
             ["*", "", "", "", "", "", "11.110,12", "EUR"]]
    return text_csv(table, ";", "\r\n")


def netsuite(data):
    table = [["Acme Holdings Inc."], ["A/R Register"], ["January 2012 - December 2013"], [],
             ["Document Number", "Customer", "Date", "Due Date", "Date Closed", "Amount",
              "Amount Remaining", "Disputed", "PaperlessBill", "countryCode"]]
    total = 0
    for r in data:
        c = cents(r["InvoiceAmount"])
        total += c
        table.append([r["invoiceNumber"], r["customerID"], r["InvoiceDate"], r["DueDate"],
                      r["SettledDate"], "$" + grouped(c, ",", "."), "$0.00", r["Disputed"],
                      r["PaperlessBill"], r["countryCode"]])
    table.append(["Total", "", "", "", "", "$" + grouped(total, ",", "."), "$0.00", "", "", ""])
    return text_csv(table)


def quickbooks(data):
    table = [["Acme Holdings Inc."], ["Invoice List"], ["All Dates"],
             ["", "Type", "Date", "Num", "Name", "Due Date", "Paid Date", "Amount",
              "Open Balance", "Disputed", "PaperlessBill", "countryCode"]]
    by_customer = {}
    for r in data:
        by_customer.setdefault(r["customerID"], []).append(r)
    grand = 0
    for customer in sorted(by_customer):
        table.append([customer] + [""] * 11)
        sub = 0
        for r in by_customer[customer]:
            c = cents(r["InvoiceAmount"])
            sub += c
            table.append(["", "Invoice", r["InvoiceDate"], r["invoiceNumber"], customer,
                          r["DueDate"], r["SettledDate"], grouped(c, ",", "."), "(0.00)",
                          r["Disputed"], r["PaperlessBill"], r["countryCode"]])
        table.append([f"Total {customer}", "", "", "", "", "", "", grouped(sub, ",", "."),
                      "0.00", "", "", ""])
        grand += sub
    table.append(["TOTAL", "", "", "", "", "", "", grouped(grand, ",", "."), "0.00", "", "", ""])
    return text_csv(table)


def oracle(data):
    def d(text):
        x = day(text)
        return f"{x.day:02d}-{MONTHS[x.month - 1]}-{x.year % 100:02d}"
    table = [["TRX_NUMBER", "CUSTOMER_NUMBER", "TRX_DATE", "DUE_DATE", "AMOUNT_DUE_ORIGINAL",
              "AMOUNT_DUE_REMAINING", "INVOICE_CURRENCY_CODE", "ACTUAL_DATE_CLOSED", "DISPUTED",
              "PAPERLESSBILL", "COUNTRY_CODE"]]
    for r in data:
        table.append([r["invoiceNumber"], r["customerID"], d(r["InvoiceDate"]), d(r["DueDate"]),
                      r["InvoiceAmount"], "0", "USD", d(r["SettledDate"]), r["Disputed"],
                      r["PaperlessBill"], r["countryCode"]])
    return text_csv(table)


def original_table(data):
    header = list(data[0].keys())
    return [header] + [[r[k] for k in header] for r in data]


def iso_timestamps(data):
    table = original_table(data)
    k = [table[0].index(n) for n in ("InvoiceDate", "DueDate", "SettledDate")]
    for row in table[1:]:
        for j in k:
            row[j] = day(row[j]).isoformat() + "T09:30:00+01:00"
    return text_csv(table)


CURRENCY = {"391": ("EUR", 2), "406": ("USD", 1), "770": ("GBP", 0.5), "818": ("USD", 1),
            "897": ("EUR", 2)}


def multi_currency(data):
    table = original_table(data)
    table[0].append("Currency")
    amount = table[0].index("InvoiceAmount")
    country = table[0].index("countryCode")
    for row in table[1:]:
        code, rate = CURRENCY[row[country]]
        c = cents(row[amount])
        # Local amount = original / rate, exact in decimal for rates 2, 1 and 0.5.
        if rate == 2:
            local = f"{c // 200}.{c % 200 * 5:03d}" if c % 2 else f"{c // 200}.{c % 200 // 2:02d}"
        elif rate == 0.5:
            local = f"{2 * c // 100}.{2 * c % 100:02d}"
        else:
            local = row[amount]
        row[amount] = local
        row.append(code)
    return text_csv(table)


def amount_due_only(data):
    table = [["Invoice Number", "Customer", "Invoice Date", "Due Date", "Paid Date",
              "Amount Due"]]
    for r in data[:40]:
        table.append([r["invoiceNumber"], r["customerID"], r["InvoiceDate"], r["DueDate"],
                      r["SettledDate"], "0.00"])
    return text_csv(table)


def dynamics365(data):
    table = [["Customer account", "Invoice", "Date", "Due date", "Amount in transaction currency",
              "Currency", "Closed", "Disputed", "PaperlessBill", "countryCode"]]
    for r in data:
        table.append([r["customerID"], r["invoiceNumber"], r["InvoiceDate"], r["DueDate"],
                      grouped(cents(r["InvoiceAmount"]), ",", "."), "USD", r["SettledDate"],
                      r["Disputed"], r["PaperlessBill"], r["countryCode"]])
    return text_csv(table, ",", "\r\n")


def hyphen_dates(data):
    def d(text):
        x = day(text)
        return f"{x.day:02d}-{x.month:02d}-{x.year}"
    table = [["Invoice Number", "Customer", "Invoice Date", "Due Date", "Paid Date", "Amount",
              "Open Balance", "Disputed", "PaperlessBill", "countryCode"]]
    for r in data:
        table.append([r["invoiceNumber"], r["customerID"], d(r["InvoiceDate"]), d(r["DueDate"]),
                      d(r["SettledDate"]), " $ " + grouped(cents(r["InvoiceAmount"]), ",", ".") + " ",
                      " $ -   ", r["Disputed"], r["PaperlessBill"], r["countryCode"]])
    return text_csv(table)


def xlsx(data):
    """A workbook with one sheet 'Invoices' (and an empty first sheet 'Notes' is not added:
    the first sheet is the data)."""
    strings = []
    index = {}

    def shared(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    def col(j):
        name = ""
        j += 1
        while j:
            j, r = divmod(j - 1, 26)
            name = chr(65 + r) + name
        return name

    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    epoch = dt.date(1899, 12, 30)
    header = ["countryCode", "customerID", "invoiceNumber", "InvoiceDate", "DueDate",
              "InvoiceAmount", "Disputed", "SettledDate", "PaperlessBill"]
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<sheetData>']
    out.append('<row r="1"><c r="A1" t="inlineStr"><is><t>Accounts receivable export</t></is>'
               '</c></row>')
    cells = "".join(f'<c r="{col(j)}3" t="s"><v>{shared(h)}</v></c>' for j, h in enumerate(header))
    out.append(f'<row r="3">{cells}</row>')
    for i, r in enumerate(data):
        n = i + 4
        cs = []
        for j, h in enumerate(header):
            ref = f"{col(j)}{n}"
            v = r[h]
            if h in ("InvoiceDate", "DueDate", "SettledDate"):
                cs.append(f'<c r="{ref}" s="1"><v>{(day(v) - epoch).days}</v></c>')
            elif h == "InvoiceAmount":
                cs.append(f'<c r="{ref}" s="2"><v>{v}</v></c>')
            elif h == "countryCode":
                cs.append(f'<c r="{ref}"><v>{v}</v></c>')
            elif h == "invoiceNumber":
                cs.append(f'<c r="{ref}" t="str"><v>{esc(v)}</v></c>')
            else:
                cs.append(f'<c r="{ref}" t="s"><v>{shared(v)}</v></c>')
        out.append(f'<row r="{n}">{"".join(cs)}</row>')
    out.append("</sheetData></worksheet>")
    sheet = "".join(out)
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           f'count="{len(strings)}" uniqueCount="{len(strings)}">'
           + "".join(f"<si><t>{esc(s)}</t></si>" for s in strings) + "</sst>")
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
              '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
              '<xf numFmtId="4" applyNumberFormat="1"/></cellXfs></styleSheet>')
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="Invoices" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/></Relationships>')
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                 'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                 '</Relationships>')
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
             '</Types>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [("[Content_Types].xml", types), ("_rels/.rels", root_rels),
                           ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels),
                           ("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", sst),
                           ("xl/styles.xml", styles)]:
            info = zipfile.ZipInfo(name, date_time=(2014, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    return buf.getvalue()


def main():
    os.makedirs(OUT, exist_ok=True)
    data = rows()
    write("sap-fbl5n-de.csv", sap(data, True), "cp1252")
    write("sap-fbl5n-en.csv", sap(data, False))
    write("sap-credit-notes.csv", sap_credit_notes(), "cp1252")
    write("netsuite.csv", netsuite(data))
    write("quickbooks.csv", quickbooks(data))
    write("excel-utf8-bom.csv", b"\xef\xbb\xbf" + text_csv(original_table(data), ",", "\r\n")
          .encode())
    write("oracle-ar.csv", oracle(data))
    write("tab-separated.txt", text_csv(original_table(data), "\t"))
    write("iso-timestamps.csv", iso_timestamps(data))
    write("multi-currency.csv", multi_currency(data))
    write("fx-rates.csv", "currency,rate\nEUR,2\nUSD,1\nGBP,0.5\n")
    write("amount-due-only.csv", amount_due_only(data))
    write("dynamics-365.csv", dynamics365(data))
    write("excel-hyphen-dates.csv", hyphen_dates(data))
    write("ibm.xlsx", xlsx(data))


if __name__ == "__main__":
    main()
