import Testing

@Test func CreditDataTestsPlaceholderBuilds() { #expect(Bool(true)) }
