import AlertHooks
import AlertMessages
import Configuration
import FeedModel
import Foundation
import Testing
import TestSupport

/// ntfy as its server reads a publish request: the topic in the path, the message as the body,
/// and the Title, Priority, Tags, Click and Authorization headers.
@Suite struct NtfyHookTests {
    let figure = HookDelivery(
        alertID: "f1e2", kind: "figure.changed", tracker: "troop-cap",
        json: #"{"change":{"delta":200000,"ratio":0.3333333333333333},"current":{"article_url":"https://kyivwire.example/a/41","sentence":"The cap rose to 800,000.","text":"800,000","unit":"count","value":800000},"feed":{"id":3,"title":"Kyiv Wire","url":"https://kyivwire.example/feed.xml"},"id":"f1e2","kind":"figure.changed","previous":{"text":"600,000","unit":"count","value":600000},"time":"2026-11-23T19:10:00Z","tracker":"troop-cap"}"#)

    func hook(_ target: NtfyTarget) -> NtfyHook {
        NtfyHook(target: target, timeout: .seconds(5), fetcher: WebhookHook.makeFetcher())
    }

    @Test func publishesTheMessageWithNtfysHeaders() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 200, text: #"{"id":"x1"}"#) }
        var target = NtfyTarget(server: server.url(""), topic: "feedwatch-alerts", token: Secret("tk_0123456789abcdef"))
        target.priorities[.figureChanged] = 5
        target.tags = ["news"]
        try await hook(target).deliver(figure)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/feedwatch-alerts")
        #expect(String(decoding: request.body, as: UTF8.self)
            == "troop-cap: 600,000 → 800,000 (+33%) — Kyiv Wire: The cap rose to 800,000. https://kyivwire.example/a/41")
        let title = try #require(request.headers["title"])
        #expect(title.hasPrefix("=?UTF-8?B?") && title.hasSuffix("?="), "the arrow is not ASCII: RFC 2047")
        let encoded = String(title.dropFirst(10).dropLast(2))
        #expect(Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } == "troop-cap: 600,000 → 800,000 (+33%)")
        #expect(request.headers["priority"] == "5", "the sink's priority for the kind")
        #expect(request.headers["tags"] == "chart_with_upwards_trend,news")
        #expect(request.headers["click"] == "https://kyivwire.example/a/41")
        #expect(request.headers["authorization"] == "Bearer tk_0123456789abcdef")
        #expect(request.headers["x-feedwatch-alert-id"] == "f1e2")
    }

    @Test func withoutATokenOrSettingsTheKindsDefaultsApply() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 200) }
        let failing = HookDelivery(
            alertID: "ff5", kind: "feed.failing", tracker: nil,
            json: #"{"feed":{"id":5,"url":"https://down.example/feed.xml"},"id":"ff5","kind":"feed.failing","message":"5 consecutive failures","time":"2026-11-23T19:10:00Z","tracker":null}"#)
        try await hook(NtfyTarget(server: server.url("/"), topic: "ops")).deliver(failing)
        let request = try #require(server.requests.first)
        #expect(request.path == "/ops")
        #expect(request.headers["title"] == "Feed failing: down.example", "ASCII goes as it is")
        #expect(request.headers["priority"] == "4")
        #expect(request.headers["tags"] == "warning")
        #expect(request.headers["authorization"] == nil)
    }

    @Test func theTokenNeverAppearsInAFailureOrAPreview() async throws {
        let token = "tk_leak_check_9f8e7d"
        // A server that echoes what it got, as a misconfigured proxy might.
        let server = try LoopbackHTTPServer { request in
            HTTPResponse(status: 401, text: "unauthorized: \(request.headers["authorization"] ?? "")")
        }
        let ntfy = hook(NtfyTarget(server: server.url(""), topic: "t", token: Secret(token)))
        do {
            try await ntfy.deliver(figure)
            Issue.record("a 401 is not a delivery")
        } catch {
            #expect(error.description == "HTTP 401: unauthorized: Bearer [secret]")
            #expect(error.needsAttention)
        }
        let preview = ntfy.preview(figure)
        #expect(preview.wire.contains("Authorization: Bearer [secret]"))
        #expect(!preview.wire.contains(token))
        #expect(!"\(NtfyTarget(server: "https://ntfy.sh", topic: "t", token: Secret(token)))".contains(token))
        #expect(!String(reflecting: Secret(token)).contains(token))
        #expect(!"\(SinkSettings(name: "n", target: .ntfy(NtfyTarget(server: "https://ntfy.sh", topic: "t", token: Secret(token)))))".contains(token))
    }
}
