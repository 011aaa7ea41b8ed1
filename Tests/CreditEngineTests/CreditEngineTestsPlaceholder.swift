import Testing

@Test func CreditEngineTestsPlaceholderBuilds() { #expect(Bool(true)) }
