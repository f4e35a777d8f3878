import API
import ArgumentParser
import Bot
import Dashboard
import Engine
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import Web
import Webhooks

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the engine: the main job. Stops cleanly on Ctrl-C or SIGTERM.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "full (survives power loss) or normal (survives process crashes).")
    var durability: Durability = .full
    @Option(help: "Where the dashboard, /metrics and the API (/v1) listen: ADDR:PORT, or off.")
    var http: HTTPAddress = .standard

    func run() async throws {
        let logger = Logger(label: "tix.serve")
        let settings: BotSettings?
        do {
            settings = try BotSettings(environment: ProcessInfo.processInfo.environment)
        } catch {
            logger.error("Telegram bot not started: \(error)")
            throw ExitCode.failure
        }
        if global.rulesDirectory == nil {
            logger.warning("no rules directory at \(global.rules): every rule's default applies (no fees, no rewards)")
        }
        // Before the engine: metrics made earlier would report to nowhere.
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let engine = try Engine(
            path: global.db, durability: durability, rules: global.rulesDirectory, recipes: global.recipesDirectory,
            watchRules: true, logger: logger)
        logger.info("engine serving", metadata: [
            "db": "\(global.db)", "durability": "\(durability)", "rules": "\(global.rules), \(global.recipes) (watched)",
        ])
        do {
            if try await global.openStartingPools(engine) > 0 {
                logger.info("opened the starting pools of \(global.rules)/pools.lua")
            }
            try await services(engine: engine, registry: registry, settings: settings, logger: logger).run()
            logger.info("shut down: submitted commands finished")
            engine.close()
        } catch {
            logger.error("shut down after a failure: \(error)")
            engine.close()
            throw ExitCode.failure
        }
    }

    /// The job worker, the webhook worker, the bot and the HTTP server side by side. Ctrl-C or SIGTERM shuts them down in
    /// reverse order (HTTP first, finishing the requests in flight); a failed bot or server shuts the
    /// group down too and makes `run()` throw, so a supervisor notices instead of a bot gone quiet.
    private func services(
        engine: Engine, registry: PrometheusCollectorRegistry, settings: BotSettings?, logger: Logger
    ) throws -> ServiceGroup {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: JobWorkerService(worker: JobWorker(engine: engine, logger: logger)), serviceName: "jobs"),
            .init(service: WebhookWorker(outbox: engine.webhooks, logger: logger), serviceName: "webhooks"),
        ]
        if let settings {
            services.append(.init(
                service: BotService(bot: TelegramBot(engine: engine, settings: settings, logger: logger), logger: logger),
                successTerminationBehavior: .ignore, failureTerminationBehavior: .gracefullyShutdownGroup,
                serviceName: "telegram bot"))
        } else {
            logger.info("Telegram bot off: set TELEGRAM_BOT_TOKEN to run it; meanwhile play in a terminal with `tix play`")
        }
        if case .listen(let host, let port) = http {
            let dashboard = try DashboardRoutes(reader: engine.reader, store: DayBookStore(path: global.db))
            dashboard.warmUp()
            let server = WebServer(
                host: host, port: port, groups: [dashboard, MetricsRoutes(registry: registry), ApiRoutes(engine: engine)], logger: logger
            ) { bound in
                logger.info("dashboard at http://\(HTTPAddress.listen(host: host, port: bound))/")
            }
            services.append(.init(service: server, failureTerminationBehavior: .gracefullyShutdownGroup, serviceName: "http"))
        }
        return ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    }
}

extension Durability: ExpressibleByArgument {}

extension HTTPAddress: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
