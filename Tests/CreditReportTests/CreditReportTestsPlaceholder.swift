import Testing

@Test func CreditReportTestsPlaceholderBuilds() { #expect(Bool(true)) }
