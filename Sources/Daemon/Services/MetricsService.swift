import ServiceLifecycle

/// Serves `GET /metrics` until shutdown.
struct MetricsService: Service {
    let server: MetricsServer

    func run() async throws {
        try? await gracefulShutdown()
        server.stop()
    }
}
