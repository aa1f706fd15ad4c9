import AlertHooks
import ArgumentParser
import Configuration
import Foundation

struct HooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks", abstract: "Alert hooks ([[sink]] in the config); `feedwatch status` shows their outbox.",
        subcommands: [Test.self])
}

extension HooksCommand {
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a test (kind hook.test) straight to one hook, bypassing the outbox, and report how it went.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The sink's name.")
        var name: String

        func run() async throws {
            let settings = try global.settings()
            guard let sink = settings.sinks.first(where: { $0.name == name }) else {
                let names = settings.sinks.map(\.name)
                let source = settings.configPath ?? "the configuration (no config file was read)"
                throw CommandFailure.badInput(
                    "no sink named '\(name)' in \(source)" + (names.isEmpty ? "" : " (sinks: \(names.joined(separator: ", ")))"))
            }
            let delivery = HookDelivery.test(sink: name)
            do throws(HookFailure) {
                try await sink.makeHook(fetcher: WebhookHook.makeFetcher()).deliver(delivery)
            } catch {
                throw CommandFailure.runtime("hook '\(name)' did not take the test \(delivery.alertID): \(error)")
            }
            if output.json {
                JSONOutput.print(HookTestView(sink: name, alertId: delivery.alertID, delivered: true))
            } else {
                print("hook '\(name)' took the test \(delivery.alertID)")
            }
        }
    }
}

/// What `hooks test --json` prints when the hook took the test (a failure is a line on standard error).
struct HookTestView: Encodable {
    var sink: String
    var alertId: String
    var delivered: Bool
}
