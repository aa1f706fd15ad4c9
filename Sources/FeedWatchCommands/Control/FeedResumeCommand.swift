import ArgumentParser
import FeedModel
import FeedStorage
import Foundation

extension FeedCommand {
    /// Undoes what the daemon decided on its own about a feed or a host: a pause a server asked
    /// for, a quarantined body, a long backoff. The daemon polls what was resumed within a second.
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Poll a feed or a host again now: undo `feed pause`, lift a host's pause, a feed's quarantine and its backoff.",
            discussion: """
                With a feed's id or URL: a pause (`feed pause`) ends, its quarantine is lifted (its content \
                is read again), the pause of its host is lifted and it is due at once. With a host name: the host's pause is \
                lifted and its feeds are due at once.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "A feed's id or URL, or a host name.")
        var target: String

        func run() async throws {
            let store = try openStore(global.settings())
            let now = Date()
            var view = ResumeView()
            let named: FeedRecord?
            do {
                named = try store.feed(matching: target)
            } catch .feedNotFound {
                named = nil
            } catch {
                throw CommandFailure.runtime(error.description)
            }
            if let feed = named, let id = feed.id {
                if feed.pausedAt != nil {
                    try storage { try store.setPaused(feedIDs: [id], at: nil, now: now) }
                    view.unpaused = [id]
                }
                if feed.quarantinedBodyHash != nil {
                    try storage { try store.liftQuarantine(feedID: id) }
                    view.quarantineLifted = [id]
                }
                if let host = FeedAddress.host(of: feed.url), try storage({ try store.liftHostPause(host) }) { view.hostPauseLifted = host }
                view.feedsDue = [id]
            } else {
                let host = target.lowercased()
                let ofHost = try storage { try store.feeds() }.filter { FeedAddress.host(of: $0.url) == host }
                let lifted = try storage { try store.liftHostPause(host) }
                guard lifted || !ofHost.isEmpty else {
                    throw CommandFailure.badInput(
                        "no feed with id or URL '\(TerminalText.quoted(target))', and no paused host of that name (see `feedwatch status`)")
                }
                if lifted { view.hostPauseLifted = host }
                view.feedsDue = ofHost.compactMap(\.id)
            }
            try storage { try store.makeDue(feedIDs: view.feedsDue, at: now) }
            if output.json {
                JSONOutput.print(view)
                return
            }
            var parts: [String] = []
            if !view.unpaused.isEmpty { parts.append("pause ended") }
            if !view.quarantineLifted.isEmpty { parts.append("quarantine lifted") }
            if let host = view.hostPauseLifted { parts.append("pause of \(host) lifted") }
            let count = view.feedsDue.count
            parts.append(count == 1 ? "1 feed due now" : "\(count) feeds due now")
            print("resumed \(TerminalText.quoted(target)): \(parts.joined(separator: "; "))")
        }
    }
}

/// What `feed resume --json` prints.
struct ResumeView: Encodable {
    /// Feeds paused with `feed pause`, polled again.
    var unpaused: [Int64] = []
    var quarantineLifted: [Int64] = []
    var hostPauseLifted: String?
    var feedsDue: [Int64] = []
}
