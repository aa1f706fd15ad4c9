import AlertHooks
import Configuration
import FeedModel
import FeedStorage
import Foundation
import Testing
import TestSupport

/// Every HTTP sink through the real outbox: while its receiver fails, nothing is lost; when it
/// recovers, each alert arrives once, in order; a restart sends nothing again.
@Suite struct SinkRecoveryTests {
    /// A sink of each HTTP type aimed at a receiver.
    static let sinks: [String: @Sendable (LoopbackHTTPServer) -> SinkSettings] = [
        "ntfy": { SinkSettings(name: "phone", target: .ntfy(NtfyTarget(server: $0.url(""), topic: "alerts", token: Secret("tk_recover")))) },
        "webhook": { SinkSettings(name: "hook", target: .webhook(WebhookTarget(url: $0.url("/hook"), secret: "k"))) },
        "slack": { SinkSettings(name: "slack", target: .slack(SlackTarget(webhookURL: Secret($0.url("/services/x"))))) },
        "discord": { SinkSettings(name: "discord", target: .discord(DiscordTarget(webhookURL: Secret($0.url("/api/webhooks/1/x"))))) },
        "matrix": { SinkSettings(name: "matrix", target: .matrix(MatrixTarget(homeserver: $0.url(""), room: "!r:x", token: Secret("t0k")))) },
        "telegram": { SinkSettings(name: "telegram", target: .telegram(TelegramTarget(apiURL: $0.url(""), token: Secret("1:x"), chatID: "1"))) },
    ]

    @Test(arguments: sinks.keys.sorted())
    func aReceiverThatFailsThenRecoversGetsEachAlertOnce(type: String) async throws {
        let harness = OutboxHarness()
        let failuresLeft = Locked(3)
        let accepted = Locked<[String]>([])
        let server = try LoopbackHTTPServer { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let fail = failuresLeft.update { left -> Bool in
                guard left > 0 else { return false }
                left -= 1
                return true
            }
            if fail { return HTTPResponse(status: 502, text: "bad gateway") }
            let id = ["a1", "a2", "a3"].first { body.contains("alert \($0)") } ?? "?"
            accepted.update { $0.append(id) }
            return HTTPResponse(status: 200)
        }
        let makeSink = try #require(Self.sinks[type])
        let sink = makeSink(server)
        let store = try harness.openStore()
        let worker = harness.worker([sink], store: store)
        try harness.raise(["a1", "a2", "a3"], for: [sink.name], in: store)

        var passes = 0
        while try !harness.pending(sink.name, in: store).isEmpty, passes < 10 {
            await worker.deliverDue()
            harness.advance(3600)
            passes += 1
        }
        #expect(accepted.get() == ["a1", "a2", "a3"], "each alert once, in order")
        #expect(server.requests.count == 6, "three failed attempts of the first alert, then one each")
        store.close()

        let restarted = harness.worker([sink], store: try harness.openStore())
        harness.advance(3600)
        #expect(await restarted.deliverDue() == OutboxPass())
        #expect(accepted.get().count == 3)
    }
}
