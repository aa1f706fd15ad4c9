import AlertHooks
import Configuration
import FeedModel
import Foundation
import Testing
import TestSupport

/// Each chat service's request as its API documents it, received by a loopback server.
@Suite struct ChatHookTests {
    let keyword = HookDelivery(
        alertID: "k9a8", kind: "keyword.matched", tracker: "truce",
        json: #"{"article":{"content_hash":"77","id":9,"title":"Talks <resume> & go on","url":"https://wire.example/a/9"},"excerpt":"@everyone envoys met in Geneva.","feed":{"id":1,"title":"Wire","url":"https://wire.example/feed"},"id":"k9a8","kind":"keyword.matched","matched":["truce"],"time":"2026-11-23T19:10:00Z","tracker":"truce"}"#)

    func deliver(_ target: SinkSettings.Target, _ delivery: HookDelivery? = nil) async throws {
        let hook = SinkSettings(name: "chat", target: target).makeHook(fetcher: WebhookHook.makeFetcher())
        try await hook.deliver(delivery ?? keyword)
    }

    func json(_ request: HTTPRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    @Test func slackGetsTextAndAMrkdwnSectionWithItsCharactersEscaped() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 200, text: "ok") }
        try await deliver(.slack(SlackTarget(webhookURL: Secret(server.url("/services/T0/B0/xyz")))))
        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.path == "/services/T0/B0/xyz")
        #expect(request.headers["content-type"] == "application/json; charset=utf-8")
        let body = try json(request)
        #expect(body["text"] as? String == "truce: Talks &lt;resume&gt; &amp; go on")
        let block = try #require((body["blocks"] as? [[String: Any]])?.first)
        #expect(block["type"] as? String == "section")
        let text = try #require(block["text"] as? [String: Any])
        #expect(text["type"] as? String == "mrkdwn")
        #expect(text["text"] as? String == """
            *truce: Talks &lt;resume&gt; &amp; go on*
            truce (truce) — Wire: Talks &lt;resume&gt; &amp; go on
            @everyone envoys met in Geneva.
            https://wire.example/a/9
            """)
    }

    @Test func discordGetsAnEmbedWithMentionsDisabled() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 204) }
        try await deliver(.discord(DiscordTarget(webhookURL: Secret(server.url("/api/webhooks/1/abc")))))
        let request = try #require(server.requests.first)
        #expect(request.path == "/api/webhooks/1/abc")
        let body = try json(request)
        #expect(body["username"] as? String == "FeedWatch")
        #expect((body["allowed_mentions"] as? [String: Any])?["parse"] as? [String] == [], "an @everyone in a feed pings nobody")
        let embed = try #require((body["embeds"] as? [[String: Any]])?.first)
        #expect(embed["title"] as? String == "truce: Talks <resume> & go on")
        #expect((embed["description"] as? String)?.hasPrefix("truce (truce) — Wire: Talks <resume> & go on\n@everyone") == true)
        #expect(embed["url"] as? String == "https://wire.example/a/9")
        #expect(embed["color"] as? Int == 0x3498DB)
    }

    @Test func matrixGetsAnIdempotentPutWithAnHTMLBody() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 200, text: #"{"event_id":"$e1"}"#) }
        let target = MatrixTarget(homeserver: server.url(""), room: "!AbCd:example.org", token: Secret("syt_matrix_token_1"))
        try await deliver(.matrix(target))
        try await deliver(.matrix(target))
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.method == "PUT" })
        #expect(requests[0].path == "/_matrix/client/v3/rooms/%21AbCd%3Aexample.org/send/m.room.message/feedwatch-k9a8")
        #expect(requests[1].path == requests[0].path, "a repeated delivery reuses the transaction id: one event")
        #expect(requests[0].headers["authorization"] == "Bearer syt_matrix_token_1")
        let body = try json(requests[0])
        #expect(body["msgtype"] as? String == "m.text")
        #expect((body["body"] as? String)?.hasPrefix("truce: Talks <resume> & go on\ntruce (truce)") == true)
        #expect(body["format"] as? String == "org.matrix.custom.html")
        #expect((body["formatted_body"] as? String)?.hasPrefix("<b>truce: Talks &lt;resume&gt; &amp; go on</b><br>truce (truce)") == true)
    }

    @Test func telegramGetsSendMessageWithEscapedHTML() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 200, text: #"{"ok":true}"#) }
        try await deliver(.telegram(TelegramTarget(apiURL: server.url(""), token: Secret("123456:ABC-def_789"), chatID: "-1001234567890")))
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/bot123456:ABC-def_789/sendMessage")
        let body = try json(request)
        #expect(body["chat_id"] as? String == "-1001234567890")
        #expect(body["parse_mode"] as? String == "HTML")
        #expect((body["text"] as? String)?.hasPrefix("<b>truce: Talks &lt;resume&gt; &amp; go on</b>\ntruce (truce)") == true)
    }

    @Test func aTokenInTheURLNeverAppearsInAFailureOrAPreview() async throws {
        let token = "987654:SECRET-token_value"
        let server = try LoopbackHTTPServer { request in HTTPResponse(status: 404, text: "no such bot: \(request.path)") }
        let hook = SinkSettings(name: "tg", target: .telegram(TelegramTarget(apiURL: server.url(""), token: Secret(token), chatID: "@news")))
            .makeHook(fetcher: WebhookHook.makeFetcher())
        do {
            try await hook.deliver(keyword)
            Issue.record("a 404 is not a delivery")
        } catch {
            #expect(error.description == "HTTP 404: no such bot: /bot[secret]/sendMessage")
        }
        let preview = hook.preview(keyword)
        #expect(preview.wire.hasPrefix("POST \(server.url(""))/bot[secret]/sendMessage\n"))
        #expect(!preview.wire.contains(token))
        // A receiver that is down: curl's message may quote the URL.
        let down = try LoopbackHTTPServer { _ in HTTPResponse() }
        let address = down.url("")
        down.stop()
        let unreachable = SinkSettings(name: "tg", target: .telegram(TelegramTarget(apiURL: address, token: Secret(token), chatID: "@news")))
            .makeHook(fetcher: WebhookHook.makeFetcher())
        do {
            try await unreachable.deliver(keyword)
            Issue.record("no answer is not a delivery")
        } catch {
            #expect(!error.description.contains(token))
        }
    }
}
