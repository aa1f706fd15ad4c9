import Configuration
import FeedFetching
import Foundation

extension SinkSettings {
    /// The hook this sink describes. Webhooks send through `fetcher`, which sinks share.
    public func makeHook(fetcher: FeedFetcher, clock: @escaping @Sendable () -> Date = { Date() }) -> any AlertHook {
        switch target {
        case .exec(let command):
            ExecHook(sink: name, command: command, timeout: timeout, messages: message)
        case .webhook(let target):
            WebhookHook(target: target, timeout: timeout, messages: message, fetcher: fetcher, clock: clock)
        case .ntfy(let target):
            NtfyHook(target: target, timeout: timeout, messages: message, fetcher: fetcher, clock: clock)
        case .email(let target):
            EmailHook(sink: name, target: target, timeout: timeout, messages: message, clock: clock)
        case .slack(let target):
            ChatHook(format: SlackFormat(target: target), timeout: timeout, messages: message, fetcher: fetcher, clock: clock)
        case .discord(let target):
            ChatHook(format: DiscordFormat(target: target), timeout: timeout, messages: message, fetcher: fetcher, clock: clock)
        case .matrix(let target):
            ChatHook(format: MatrixFormat(target: target), timeout: timeout, messages: message, fetcher: fetcher, clock: clock)
        case .telegram(let target):
            ChatHook(format: TelegramFormat(target: target), timeout: timeout, messages: message, fetcher: fetcher, clock: clock)
        }
    }
}
