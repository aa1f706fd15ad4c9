import AlertHooks
import Configuration
import FeedModel
import FeedStorage
import Foundation
import Testing
import TestSupport

/// E-mail through a real SMTP server (aiosmtpd on loopback): the envelope, a message a mail
/// program reads (subject, plain text and HTML parts), STARTTLS and implicit TLS with a
/// throw-away certificate, a login, and refusals.
@Suite(.serialized) struct EmailHookTests {
    let directory = TemporaryDirectory()
    let figure = HookDelivery(
        alertID: "f1e2d3", kind: "figure.changed", tracker: "troop-cap",
        json: #"{"change":{"delta":200000,"ratio":0.3333333333333333},"current":{"article_url":"https://kyivwire.example/a/41?x=1&y=2","sentence":"The cap rose to 800,000 <officially>.","text":"800,000","unit":"count","value":800000},"feed":{"id":3,"title":"Kyiv Wire","url":"https://kyivwire.example/feed.xml"},"id":"f1e2d3","kind":"figure.changed","previous":{"text":"600,000","unit":"count","value":600000},"time":"2026-11-23T19:10:00Z","tracker":"troop-cap"}"#)

    func hook(_ target: EmailTarget) -> EmailHook {
        EmailHook(sink: "desk", target: target, timeout: .seconds(20), clock: { Date(timeIntervalSince1970: 1_795_000_000) })
    }

    /// The message as Python's e-mail package reads it: subject, parts and their decoded text.
    func parsed(_ content: String) throws -> [String: String] {
        let script = """
            import email, email.policy, json, sys
            message = email.message_from_string(sys.stdin.read(), policy=email.policy.default)
            parts = {"subject": str(message["subject"]), "message_id": str(message["message-id"]), "to": str(message["to"]),
                     "type": message.get_content_type()}
            for part in message.iter_parts():
                parts[part.get_content_type()] = part.get_content()
            print(json.dumps(parts))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(content.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    @Test func startTLSWithALoginDeliversAPlainAndAnHTMLPart() async throws {
        let certificate = try ThrowAwayCertificate(in: directory)
        let server = try LoopbackSMTPServer(security: .startTLS(certificate), login: ("alerts", "pw-0f9e8d7c"))
        try await hook(EmailTarget(
            host: "127.0.0.1", port: server.port, security: .startTLS, username: "alerts", password: Secret("pw-0f9e8d7c"),
            from: "feedwatch@example.org", to: ["desk@example.org", "editor@example.org"], caFile: certificate.certificate)
        ).deliver(figure)
        let mail = try #require(server.received.first)
        #expect(mail.tls, "STARTTLS was on before the message")
        #expect(mail.login == "alerts")
        #expect(mail.mailFrom == "feedwatch@example.org")
        #expect(mail.rcptTos == ["desk@example.org", "editor@example.org"])
        let message = try parsed(mail.content)
        #expect(message["subject"] == "troop-cap: 600,000 → 800,000 (+33%)")
        #expect(message["type"] == "multipart/alternative")
        #expect(message["message_id"] == "<f1e2d3.desk@example.org>", "the same alert is the same message")
        #expect(message["text/plain"]
            == "troop-cap: 600,000 → 800,000 (+33%) — Kyiv Wire: The cap rose to 800,000 <officially>. https://kyivwire.example/a/41?x=1&y=2\n")
        let html = try #require(message["text/html"])
        #expect(html.contains("800,000 &lt;officially&gt;."))
        #expect(html.contains(#"<a href="https://kyivwire.example/a/41?x=1&amp;y=2">"#))
    }

    @Test func implicitTLSAndAServerWithoutTLS() async throws {
        let certificate = try ThrowAwayCertificate(in: directory)
        let tls = try LoopbackSMTPServer(security: .implicitTLS(certificate))
        try await hook(EmailTarget(
            host: "127.0.0.1", port: tls.port, security: .tls, from: "f@example.org", to: ["t@example.org"],
            caFile: certificate.certificate)).deliver(figure)
        #expect(tls.received.count == 1)

        let plain = try LoopbackSMTPServer()
        try await hook(EmailTarget(host: "127.0.0.1", port: plain.port, security: .none, from: "f@example.org", to: ["t@example.org"]))
            .deliver(figure)
        #expect(plain.received.first?.tls == false)
    }

    @Test func startTLSIsRequiredAndTheCertificateChecked() async throws {
        // A server that offers no STARTTLS: the message is not sent in the clear.
        let plain = try LoopbackSMTPServer()
        await #expect(throws: HookFailure.self) {
            try await hook(EmailTarget(host: "127.0.0.1", port: plain.port, security: .startTLS, from: "f@example.org", to: ["t@example.org"]))
                .deliver(figure)
        }
        #expect(plain.received.isEmpty)
        // A certificate nobody vouches for.
        let certificate = try ThrowAwayCertificate(in: directory)
        let untrusted = try LoopbackSMTPServer(security: .startTLS(certificate))
        do {
            try await hook(EmailTarget(host: "127.0.0.1", port: untrusted.port, from: "f@example.org", to: ["t@example.org"])).deliver(figure)
            Issue.record("an unverified certificate is a failure")
        } catch {
            #expect("\(error)".hasPrefix("TLS error: "), "\(error)")
        }
        #expect(untrusted.received.isEmpty)
    }

    @Test func aWrongPasswordIsAFailureThatNeverShowsThePassword() async throws {
        let certificate = try ThrowAwayCertificate(in: directory)
        let server = try LoopbackSMTPServer(security: .startTLS(certificate), login: ("alerts", "right-password"))
        let wrong = "wrong-password-5e4d"
        let email = hook(EmailTarget(
            host: "127.0.0.1", port: server.port, username: "alerts", password: Secret(wrong), from: "f@example.org",
            to: ["t@example.org"], caFile: certificate.certificate))
        do {
            try await email.deliver(figure)
            Issue.record("a refused login is not a delivery")
        } catch {
            #expect(!error.description.contains(wrong))
            #expect(error.description.contains("curl 67"), "\(error)")
        }
        #expect(server.received.isEmpty)
        let preview = email.preview(figure)
        #expect(preview.wire.hasPrefix("SMTP smtp://127.0.0.1:\(server.port) (starttls), login alerts\n"))
        #expect(preview.wire.contains("Message-ID: <f1e2d3.desk@example.org>"))
        #expect(!preview.wire.contains(wrong))
    }

    @Test func aServerThatRefusesThenAcceptsGetsEachAlertOnceThroughTheOutbox() async throws {
        let server = try LoopbackSMTPServer(refuseFirst: 2)
        let harness = OutboxHarness()
        let sink = SinkSettings(
            name: "desk", target: .email(EmailTarget(host: "127.0.0.1", port: server.port, security: .none, from: "f@example.org", to: ["t@example.org"])))
        let store = try harness.openStore()
        let worker = harness.worker([sink], store: store)
        try harness.raise(["a1", "a2", "a3"], for: ["desk"], in: store)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 0, failed: 1))
        let reason = try harness.pending("desk", in: store).first?.lastError ?? ""
        #expect(reason.contains("451"), "the server's answer is the reason: \(reason)")
        var passes = 0
        while try !harness.pending("desk", in: store).isEmpty, passes < 10 {
            harness.advance(3600)
            await worker.deliverDue()
            passes += 1
        }
        let ids = try server.received.map { try parsed($0.content)["message_id"] ?? "" }
        #expect(ids == ["<a1.desk@example.org>", "<a2.desk@example.org>", "<a3.desk@example.org>"], "each alert once, in order")
        store.close()
        let restarted = harness.worker([sink], store: try harness.openStore())
        harness.advance(3600)
        #expect(await restarted.deliverDue() == OutboxPass())
        #expect(server.received.count == 3)
    }
}
