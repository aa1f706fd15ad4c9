import Configuration
import Logging
import Pipeline
import ServiceLifecycle
import UnixSignals

/// SIGHUP: re-reads the configuration (hooks included) and reopens the alert log. A
/// configuration that does not load is reported and the running one kept.
struct ReloadService: Service {
    let live: LivePipeline
    let notifier: SystemdNotifier
    let logger: Logger
    /// Re-reads the settings (flags, config file, defaults).
    let loadSettings: @Sendable () throws -> Settings
    /// Builds a pipeline from settings, the way the daemon's own was built.
    let rebuild: @Sendable (Settings) throws -> LivePipeline.Parts
    let onReload: @Sendable (Settings) -> Void
    let statusLine: @Sendable () async -> String

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            await reload()
        }
    }

    func reload() async {
        notifier.reloading()
        apply()
        notifier.ready(status: await statusLine())
    }

    private func apply() {
        let settings: Settings
        let parts: LivePipeline.Parts
        do {
            settings = try loadSettings()
            parts = try rebuild(settings)
        } catch {
            logger.error("configuration not reloaded, keeping the running one: \(error)")
            return
        }
        if settings.databasePath != live.current.settings.databasePath {
            logger.warning("the database changed to \(settings.databaseShown); restart feedwatchd to use it")
        }
        live.replace(with: parts)
        onReload(settings)
        logger.info("configuration reloaded\(settings.configPath.map { " from \($0)" } ?? ""); alert log reopened")
    }
}
