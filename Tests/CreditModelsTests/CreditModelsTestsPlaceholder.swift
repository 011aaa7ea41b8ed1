import Testing

@Test func CreditModelsTestsPlaceholderBuilds() { #expect(Bool(true)) }
