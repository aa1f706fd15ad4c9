import AlertHooks
import AlertMessages
import Configuration
import Foundation
import Testing
import TestSupport

/// A webhook whose body is the sink's `payload` template instead of the alert's JSON.
@Suite struct WebhookPayloadTests {
    let delivery = HookDelivery(
        alertID: "k9", kind: "keyword.matched", tracker: "truce",
        json: #"{"article":{"content_hash":"77","id":9,"title":"Talks \"resume\"","url":"https://wire.example/a/9"},"feed":{"id":1,"title":"Wire","url":"https://wire.example/feed"},"id":"k9","kind":"keyword.matched","matched":["truce"],"time":"2026-11-23T19:10:00Z","tracker":"truce"}"#)

    @Test func theRenderedPayloadIsSentAndSigned() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 204) }
        var target = WebhookTarget(url: server.url("/chat"), secret: "correct horse")
        target.payload = try MessageTemplate(#"{"text":"{{title}}","link":"{{link}}","id":"{{id}}"}"#, output: .json)
        let hook = WebhookHook(target: target, timeout: .seconds(5), fetcher: WebhookHook.makeFetcher())
        try await hook.deliver(delivery)
        let request = try #require(server.requests.first)
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(body == #"{"text":"truce: Talks \"resume\"","link":"https://wire.example/a/9","id":"k9"}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: String])
        #expect(parsed["text"] == #"truce: Talks "resume""#, "a quote in the alert stays inside the JSON string")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["x-feedwatch-alert-id"] == "k9")
        #expect(request.headers["x-feedwatch-signature"] == "sha256=" + (try opensslHMAC(key: "correct horse", body: request.body)),
                "the signature covers the bytes sent")
    }

    @Test func aPlainTextPayloadTakesItsContentTypeAndTheSinksTemplates() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 200) }
        var target = WebhookTarget(url: server.url("/text"))
        target.payload = try MessageTemplate("{{title}}\n{{body}}", output: .text)
        target.contentType = "text/plain; charset=utf-8"
        let messages = MessageRenderer(title: try MessageTemplate("NEW {{tracker}}"), body: try MessageTemplate("{{article.title}} <{{link}}>"))
        try await WebhookHook(target: target, timeout: .seconds(5), messages: messages, fetcher: WebhookHook.makeFetcher()).deliver(delivery)
        let request = try #require(server.requests.first)
        #expect(String(decoding: request.body, as: UTF8.self) == "NEW truce\nTalks \"resume\" <https://wire.example/a/9>")
        #expect(request.headers["content-type"] == "text/plain; charset=utf-8")
    }

    @Test func aPreviewShowsTheRequestWithoutItsCredentials() throws {
        var target = WebhookTarget(url: "https://hooks.example/x", secret: "correct horse", headers: ["Authorization": "Bearer t0ken-value"])
        target.payload = try MessageTemplate(#"{"text":"{{title}}"}"#, output: .json)
        let preview = WebhookHook(target: target, timeout: .seconds(5), fetcher: WebhookHook.makeFetcher()).preview(delivery)
        #expect(preview.message.title == #"truce: Talks "resume""#)
        #expect(preview.wire.hasPrefix("POST https://hooks.example/x\n"))
        #expect(preview.wire.contains("Authorization: [secret]\n"))
        #expect(preview.wire.hasSuffix(#"{"text":"truce: Talks \"resume\""}"#))
        #expect(!preview.wire.contains("t0ken-value") && !preview.wire.contains("correct horse"))
    }
}
