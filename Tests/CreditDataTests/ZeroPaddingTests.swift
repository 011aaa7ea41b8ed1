import CreditData
import Testing

/// Fixed-width numbers: zeros in front up to the width, longer numbers left whole.
@Suite struct ZeroPaddingTests {
  @Test func padsToTheWidthAndKeepsLongerDigits() {
    #expect(String(zeroPadded: "42", width: 6) == "000042")
    #expect(String(zeroPadded: "", width: 3) == "000")
    #expect(String(zeroPadded: "1234", width: 4) == "1234")
    #expect(String(zeroPadded: "12345678", width: 4) == "12345678")
    #expect(String(zeroPadded: String(255, radix: 16, uppercase: true), width: 4) == "00FF")
    #expect(String(zeroPadded: "7", width: 0) == "7")
  }
}
