import Testing

@Test func CLITestsPlaceholderBuilds() { #expect(Bool(true)) }
