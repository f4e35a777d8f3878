import ArgumentParser

/// The developers' tool: benchmarks and the load generator, kept out of the `tix` product.
@main
struct TixDev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tix-dev",
        abstract: "Ticketonomics development tools: benchmarks and load generation.",
        subcommands: [Bench.self, Load.self, Economy.self, VoteOpen.self])
}
