import AlertHooks
import Configuration
import FeedFetching
import Foundation
import Testing
import TestSupport

@Suite struct WebhookHookTests {
    let delivery = HookDelivery(
        alertID: "a1b2", kind: "feed.failing", tracker: nil,
        json: #"{"id":"a1b2","kind":"feed.failing","message":"5 consecutive failures","time":"2026-11-23T19:10:00Z","tracker":null}"#)
    let fetcher = WebhookHook.makeFetcher()

    func hook(_ url: String, secret: String? = nil, headers: [String: String] = [:]) -> WebhookHook {
        WebhookHook(target: WebhookTarget(url: url, secret: secret, headers: headers), timeout: .seconds(5), fetcher: fetcher)
    }

    @Test func postsTheAlertLineWithItsIdKindAndSignature() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 202) }
        try await hook(server.url("/hooks/feedwatch"), secret: "correct horse", headers: ["Authorization": "Bearer t0ken"]).deliver(delivery)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/hooks/feedwatch")
        #expect(request.body == Array(delivery.json.utf8), "the alert log's line, without its line break")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["x-feedwatch-alert-id"] == "a1b2")
        #expect(request.headers["x-feedwatch-event"] == "feed.failing")
        #expect(request.headers["authorization"] == "Bearer t0ken")
        let signature = try #require(request.headers["x-feedwatch-signature"])
        #expect(signature == "sha256=" + (try opensslHMAC(key: "correct horse", body: request.body)))
    }

    @Test func withoutASecretNothingIsSigned() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(text: "ok") }
        try await hook(server.url("/h")).deliver(delivery)
        #expect(server.requests.first?.headers["x-feedwatch-signature"] == nil)
    }

    @Test func answersOtherThan2xxAreFailures() async throws {
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/busy": HTTPResponse(status: 503, headers: [("Retry-After", "120")], text: "maintenance\nback soon")
            case "/moved": HTTPResponse(status: 308, headers: [("Location", "https://new.example/hook")])
            default: HTTPResponse(status: 404, text: "no such hook")
            }
        }
        let before = Date()
        do {
            try await hook(server.url("/busy")).deliver(delivery)
            Issue.record("a 503 is not a delivery")
        } catch {
            guard case .httpStatus(503, "maintenance", let retryAfter?) = error else { throw error }
            #expect(retryAfter >= before.addingTimeInterval(120) && retryAfter <= Date().addingTimeInterval(120))
            #expect(!error.needsAttention)
        }
        await #expect(throws: HookFailure.redirected(status: 308, location: "https://new.example/hook")) {
            try await hook(server.url("/moved")).deliver(delivery)
        }
        #expect(server.requests(path: "/moved").count == 1)
        do {
            try await hook(server.url("/gone")).deliver(delivery)
            Issue.record("a 404 is not a delivery")
        } catch {
            #expect(error == .httpStatus(404, body: "no such hook", retryAfter: nil))
            #expect(error.needsAttention, "a receiver that refuses needs a person")
            #expect(error.description == "HTTP 404: no such hook")
        }
    }

    @Test func aReceiverThatIsDownIsAFailure() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse() }
        let url = server.url("/h")
        server.stop()
        await #expect {
            try await hook(url).deliver(delivery)
        } throws: { error in
            guard case .notSent(.connectionFailed) = error as? HookFailure else { return false }
            return true
        }
    }
}

/// HMAC-SHA256 as the `openssl` program computes it: an implementation independent of ours.
func opensslHMAC(key: String, body: [UInt8]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = ["dgst", "-sha256", "-hmac", key]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(body))
    try input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // "SHA2-256(stdin)= 5bdc…"
    return String(text.split(separator: " ").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
}
