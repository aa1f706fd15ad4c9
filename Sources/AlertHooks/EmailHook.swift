import AlertMessages
import Configuration
import FeedFetching
import FeedModel
import Foundation

/// Delivers an alert as an e-mail through the sink's SMTP server (see `MailMessage` for the
/// message, `MailSender` for the SMTP conversation). Delivered means the server accepted the
/// message for every recipient; a refusal or no answer is a failure the outbox retries.
public struct EmailHook: AlertHook {
    public let sink: String
    public let target: EmailTarget
    public let timeout: Duration
    let messages: MessageRenderer
    let clock: @Sendable () -> Date

    public init(
        sink: String, target: EmailTarget, timeout: Duration, messages: MessageRenderer = MessageRenderer(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.sink = sink
        self.target = target
        self.timeout = timeout
        self.messages = messages
        self.clock = clock
    }

    public func deliver(_ delivery: HookDelivery) async throws(HookFailure) {
        let envelope = MailEnvelope(
            host: target.host, port: target.port, security: MailEnvelope.Security(target.security), from: target.from,
            recipients: target.to, username: target.username, password: target.password?.value, caFile: target.caFile,
            message: Array(mail(for: delivery).utf8), timeout: timeout)
        do {
            try await Blocking.run { () throws(FetchError) in try MailSender.send(envelope) }
        } catch {
            throw HookFailure.notSent(error).redacted(by: redaction)
        }
    }

    public func preview(_ delivery: HookDelivery) -> HookPreview {
        let wire = "SMTP \(target.security == .tls ? "smtps" : "smtp")://\(target.host):\(target.port) (\(target.security.rawValue))"
            + (target.username.map { ", login \($0)" } ?? "") + "\n" + mail(for: delivery).replacingOccurrences(of: "\r\n", with: "\n")
        return HookPreview(message: messages.message(forAlertJSON: delivery.json), wire: wire, secrets: redaction.secrets)
    }

    private var redaction: Redaction { Redaction(secrets: target.password.map { [$0.value] } ?? []) }

    func mail(for delivery: HookDelivery) -> String {
        MailMessage.build(
            messages.message(forAlertJSON: delivery.json), alertID: delivery.alertID, sink: sink, from: target.from, to: target.to,
            date: clock())
    }
}

extension MailEnvelope.Security {
    init(_ security: EmailTarget.Security) {
        switch security {
        case .startTLS: self = .startTLS
        case .tls: self = .tls
        case .none: self = .none
        }
    }
}
