import AlertHooks
import FeedModel
import ServiceLifecycle

/// Delivers queued alerts to the hooks beside polling, so a hook that is down never holds up
/// polling. On shutdown a delivery in progress finishes (within its timeout) before the
/// database closes.
struct HookDeliveryService: Service {
    let worker: OutboxWorker

    func run() async throws {
        let stopping = StopFlag()
        await withGracefulShutdownHandler {
            await worker.run(shouldStop: { stopping.isSet })
        } onGracefulShutdown: {
            stopping.set()
        }
    }
}
