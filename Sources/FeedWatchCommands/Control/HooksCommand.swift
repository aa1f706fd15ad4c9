import AlertHooks
import AlertMessages
import ArgumentParser
import Configuration
import FeedModel
import FeedStorage
import Foundation

struct HooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks", abstract: "Alert hooks ([[sink]] in the config); `feedwatch status` shows their outbox.",
        subcommands: [Test.self, Preview.self])
}

extension HooksCommand {
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a test (kind hook.test) straight to one hook, bypassing the outbox, and report how it went.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The sink's name.")
        var name: String

        @Flag(help: "Send a made-up alert of each kind instead, rendered as real ones are (ids start with test-).")
        var eachKind = false

        func run() async throws {
            let sink = try HooksCommand.sink(named: name, in: global.settings())
            let hook = sink.makeHook(fetcher: WebhookHook.makeFetcher())
            let deliveries = eachKind ? HookDelivery.samples() : [HookDelivery.test(sink: name)]
            var failures: [String] = []
            for delivery in deliveries {
                let what = eachKind ? "the sample \(delivery.kind) \(delivery.alertID)" : "the test \(delivery.alertID)"
                do throws(HookFailure) {
                    try await hook.deliver(delivery)
                    if output.json {
                        JSONOutput.print(HookTestView(sink: name, alertId: delivery.alertID, delivered: true))
                    } else {
                        print("hook '\(name)' took \(what)")
                    }
                } catch {
                    failures.append("hook '\(name)' did not take \(what): \(error)")
                }
            }
            guard failures.isEmpty else { throw CommandFailure.runtime(failures.joined(separator: "\n")) }
        }
    }
}

/// What `hooks test --json` prints for each test the hook took (a failure is a line on standard error).
struct HookTestView: Encodable {
    var sink: String
    var alertId: String
    var delivered: Bool
}

extension HooksCommand {
    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what one hook would send for a stored alert (its title, body and request), without sending it.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The sink's name.")
        var name: String

        @Option(help: ArgumentHelp("The alert's id (the `id` of `feedwatch alerts --json`).", valueName: "id"))
        var alert: String

        func run() async throws {
            let settings = try global.settings()
            let sink = try HooksCommand.sink(named: name, in: settings)
            let store = try openStore(settings)
            guard let stored = try storage({ try store.alert(id: alert) }) else {
                throw CommandFailure.badInput("no alert with id '\(alert)' (see `feedwatch alerts`)")
            }
            let delivery = HookDelivery(alertID: stored.alert.id, kind: stored.alert.kind.rawValue, tracker: stored.alert.tracker, json: stored.line)
            let preview = sink.makeHook(fetcher: WebhookHook.makeFetcher()).preview(delivery)
            if output.json {
                JSONOutput.print(PreviewView(sink: name, alert: alert, title: preview.message.title, body: preview.message.body, wire: preview.wire))
            } else {
                print("title: \(TerminalText.escaped(preview.message.title))")
                print("body:\n\(Self.lines(preview.message.body))")
                print("sends:\n\(Self.lines(preview.wire))")
            }
        }

        /// Line by line, each made safe for a terminal.
        private static func lines(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + TerminalText.escaped($0) }.joined(separator: "\n")
        }
    }

    /// `feedwatch hooks preview --json`.
    struct PreviewView: Encodable {
        var sink: String
        var alert: String
        var title: String
        var body: String
        /// The request, e-mail or program input, credentials shown as `[secret]`.
        var wire: String
    }

    static func sink(named name: String, in settings: Settings) throws -> SinkSettings {
        guard let sink = settings.sinks.first(where: { $0.name == name }) else {
            let names = settings.sinks.map(\.name)
            let source = settings.configPath ?? "the configuration (no config file was read)"
            throw CommandFailure.badInput(
                "no sink named '\(name)' in \(source)" + (names.isEmpty ? "" : " (sinks: \(names.joined(separator: ", ")))"))
        }
        return sink
    }
}
