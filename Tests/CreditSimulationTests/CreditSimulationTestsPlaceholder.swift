import Testing

@Test func creditSimulationPlaceholderBuilds() { #expect(Bool(true)) }
