import Engine
import ServiceLifecycle

/// The engine's job worker as a service: it runs until the group shuts down.
struct JobWorkerService: Service {
    let worker: JobWorker

    func run() async throws {
        await cancelWhenGracefulShutdown { await worker.run() }
    }
}
