import CreditData
import Testing

/// Markup escaping as the HTML report and the workbook's XML parts ask for it.
@Suite struct MarkupTextTests {
  @Test func escapesTheMarkupCharacters() {
    #expect(MarkupText.escape("<a b=\"&\">'</a>") == "&lt;a b=&quot;&amp;&quot;&gt;'&lt;/a&gt;")
    #expect(MarkupText.escape("it's", apostrophe: "&#39;") == "it&#39;s")
    #expect(MarkupText.escape("Zürich – 北京") == "Zürich – 北京")
    #expect(MarkupText.escape("") == "")
  }

  @Test func dropsWhatXMLCannotHoldOnlyWhenAsked() {
    let text = "a\tb\nc\rd\u{0}e\u{1B}f\u{FFFE}g\u{FFFF}h\u{FFFD}"
    #expect(MarkupText.escape(text, dropsNonXMLCharacters: true) == "a\tb\nc\rdefgh\u{FFFD}")
    #expect(MarkupText.escape(text) == text)
  }
}
