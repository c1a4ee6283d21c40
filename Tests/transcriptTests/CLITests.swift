import Testing

@Suite struct CLIPlaceholder {
    @Test func placeholder() { #expect(1 + 1 == 2) }
}
