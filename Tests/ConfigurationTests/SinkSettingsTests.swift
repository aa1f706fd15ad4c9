import AlertMessages
import Configuration
import FeedModel
import Foundation
import Testing
import TestSupport

@Suite struct SinkSettingsTests {
    let directory = TemporaryDirectory()

    func load(_ text: String) throws -> [SinkSettings] {
        let config = directory.write("feedwatch.toml", text)
        return try SettingsLoader.load(configPath: config, environment: ["HOME": "/h"]).sinks
    }

    /// The one-line message a config with this text fails with.
    func problem(_ text: String) -> String? {
        let config = directory.write("feedwatch.toml", text)
        do {
            _ = try SettingsLoader.load(configPath: config, environment: ["HOME": "/h"])
            return nil
        } catch {
            return error.description.replacingOccurrences(of: config + ": ", with: "")
        }
    }

    @Test func readsExecAndWebhookSinks() throws {
        directory.write("hook.secret", "s3cret\n")
        let sinks = try load("""
            [[sink]]
            name = "pager"
            type = "exec"
            command = ["/usr/local/bin/notify", "--urgent", "two words"]
            timeout = "10s"
            kinds = ["keyword.matched", "feed.failing"]

            [[sink]]
            name = "chat"
            type = "webhook"
            url = "https://hooks.example/feedwatch"
            secret_file = "hook.secret"
            headers = { Authorization = "Bearer abc" }
            trackers = ["troops"]
            """)
        #expect(sinks.count == 2)
        #expect(sinks[0] == SinkSettings(
            name: "pager", target: .exec(command: ["/usr/local/bin/notify", "--urgent", "two words"]), timeout: .seconds(10),
            kinds: [.keywordMatched, .feedFailing]))
        #expect(sinks[1] == SinkSettings(
            name: "chat",
            target: .webhook(WebhookTarget(url: "https://hooks.example/feedwatch", secret: "s3cret", headers: ["Authorization": "Bearer abc"])),
            trackers: ["troops"]))
        #expect(sinks[1].timeout == .seconds(30))
    }

    @Test func readsTemplatesAndAWebhookPayload() throws {
        let sinks = try load("""
            [[sink]]
            name = "chat"
            type = "webhook"
            url = "https://hooks.example/feedwatch"
            title = "{{tracker}}!"
            body = "{{title}} {{link}}"
            payload = '{"text": "{{body}}"}'
            feed_tags = ["ukraine", "war"]
            tracker_tags = ["diplomacy"]
            """)
        let sink = try #require(sinks.first)
        #expect(sink.message.title?.source == "{{tracker}}!")
        #expect(sink.feedTags == ["ukraine", "war"])
        #expect(sink.trackerTags == ["diplomacy"])
        #expect(sink.message.body?.source == "{{title}} {{link}}")
        guard case .webhook(let target) = sink.target else { throw SinkTestFailure.wrongType }
        #expect(target.payload?.output == .json, "a JSON content type escapes values as JSON strings")
        #expect(target.contentType == "application/json")
    }

    @Test func readsAnNtfySinkWithItsTokenFromEachPlace() throws {
        directory.write("ntfy.token", "tk_file_value\n")
        let config = """
            [[sink]]
            name = "phone"
            type = "ntfy"
            server = "https://ntfy.example"
            topic = "feedwatch_alerts"
            TOKEN
            priority = { "feed.failing" = 5, "feed.recovered" = "low" }
            tags = ["news"]
            """
        let fromFile = try #require(try load(config.replacingOccurrences(of: "TOKEN", with: "token_file = \"ntfy.token\"")).first)
        guard case .ntfy(let target) = fromFile.target else { throw SinkTestFailure.wrongType }
        #expect(target.token == Secret("tk_file_value"))
        #expect(target.url == "https://ntfy.example/feedwatch_alerts")
        #expect(target.priority(for: "feed.failing") == 5)
        #expect(target.priority(for: "feed.recovered") == 2)
        #expect(target.priority(for: "figure.changed") == 4, "the kind's default")
        #expect(target.tags == ["news"])

        let configPath = directory.write("env.toml", config.replacingOccurrences(of: "TOKEN", with: "token_env = \"NTFY_TOKEN\""))
        let fromEnvironment = try SettingsLoader.load(configPath: configPath, environment: ["HOME": "/h", "NTFY_TOKEN": "tk_env_value"]).sinks
        guard case .ntfy(let environmentTarget) = fromEnvironment.first?.target else { throw SinkTestFailure.wrongType }
        #expect(environmentTarget.token == Secret("tk_env_value"))
        let unset = problem(config.replacingOccurrences(of: "TOKEN", with: "token_env = \"NTFY_TOKEN\""))
        #expect(unset == "sink 'phone': 'token_env' names the environment variable NTFY_TOKEN, which is not set or empty")

        let defaults = try #require(try load("[[sink]]\nname = \"p\"\ntype = \"ntfy\"\ntopic = \"t\"\n").first)
        #expect(defaults.target == .ntfy(NtfyTarget(server: "https://ntfy.sh", topic: "t")))
    }

    @Test func readsAnEmailSink() throws {
        directory.write("smtp.password", "pw-from-file\n")
        let sinks = try load("""
            [[sink]]
            name = "desk"
            type = "email"
            host = "smtp.example.org"
            username = "alerts"
            password_file = "smtp.password"
            from = "feedwatch@example.org"
            to = ["desk@example.org", "editor@example.org"]

            [[sink]]
            name = "relay"
            type = "email"
            host = "localhost"
            security = "none"
            from = "feedwatch@example.org"
            to = "root@localhost"
            """)
        #expect(sinks[0].target == .email(EmailTarget(
            host: "smtp.example.org", port: 587, security: .startTLS, username: "alerts", password: Secret("pw-from-file"),
            from: "feedwatch@example.org", to: ["desk@example.org", "editor@example.org"])))
        #expect(sinks[1].target == .email(EmailTarget(host: "localhost", port: 25, security: .none, from: "feedwatch@example.org", to: ["root@localhost"])))
        #expect(!"\(sinks[0])".contains("pw-from-file"))
    }

    @Test func readsChatSinks() throws {
        let sinks = try SettingsLoader.load(configPath: directory.write("chat.toml", """
            [[sink]]
            name = "slack"
            type = "slack"
            webhook_url_env = "SLACK_URL"

            [[sink]]
            name = "discord"
            type = "discord"
            webhook_url = "https://discord.com/api/webhooks/1/abc"

            [[sink]]
            name = "matrix"
            type = "matrix"
            homeserver = "https://matrix.example.org"
            room = "!AbCd:example.org"
            token = "syt_x"

            [[sink]]
            name = "telegram"
            type = "telegram"
            token = "123456:ABC-def"
            chat_id = -1001234567890
            """), environment: ["HOME": "/h", "SLACK_URL": "https://hooks.slack.com/services/T/B/x"]).sinks
        #expect(sinks.map(\.target) == [
            .slack(SlackTarget(webhookURL: Secret("https://hooks.slack.com/services/T/B/x"))),
            .discord(DiscordTarget(webhookURL: Secret("https://discord.com/api/webhooks/1/abc"))),
            .matrix(MatrixTarget(homeserver: "https://matrix.example.org", room: "!AbCd:example.org", token: Secret("syt_x"))),
            .telegram(TelegramTarget(token: Secret("123456:ABC-def"), chatID: "-1001234567890")),
        ])
        for sink in sinks { #expect(!"\(sink)".contains("hooks.slack.com/services") && !"\(sink)".contains("syt_x") && !"\(sink)".contains("ABC-def")) }
    }

    @Test func readsDigestsLimitsAndQuietHours() throws {
        let sink = try #require(try load("""
            [[sink]]
            name = "desk"
            type = "exec"
            command = ["/bin/true"]
            digest = "1h"
            max_per_hour = 6
            quiet_hours = "22:30-07:00"
            time_zone = "Europe/Kyiv"
            """).first)
        #expect(sink.policy.digest == .seconds(3600))
        #expect(sink.policy.maxPerHour == 6)
        let quiet = try #require(sink.policy.quietHours)
        #expect(quiet.start == 22 * 60 + 30 && quiet.end == 7 * 60)
        #expect(quiet.timeZone.identifier == "Europe/Kyiv")
        // 2026-11-17 21:00 UTC is 23:00 in Kyiv (UTC+2): quiet; 05:30 UTC is 07:30 there: not.
        #expect(quiet.contains(Date(timeIntervalSince1970: 1_794_960_000 + 21 * 3600)))
        #expect(!quiet.contains(Date(timeIntervalSince1970: 1_794_960_000 + 86400 + 5 * 3600 + 1800)))
        #expect(try load("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\n").first?.policy.isImmediate == true)
    }

    @Test func aConfigErrorNeverQuotesACredential() {
        directory.write("two-lines.token", "tk_first_line\ntk_second_line\n")
        let message = problem("[[sink]]\nname = \"p\"\ntype = \"ntfy\"\ntopic = \"t\"\ntoken_file = \"two-lines.token\"\n")
        #expect(message == "sink 'p': the credential in 'token_file' must be one line")
        let both = problem("[[sink]]\nname = \"p\"\ntype = \"ntfy\"\ntopic = \"t\"\ntoken = \"tk_inline_value\"\ntoken_env = \"X\"\n")
        #expect(both == "sink 'p': set one of 'token', 'token_file' and 'token_env', not 'token' and 'token_env'")
        #expect(both?.contains("tk_inline_value") == false)
    }

    @Test func filtersSelectKindsAndTrackers() {
        let all = SinkSettings(name: "a", target: .exec(command: ["/bin/true"]))
        #expect(all.accepts(kind: .feedFailing, tracker: nil))
        let troops = SinkSettings(name: "t", target: .exec(command: ["/bin/true"]), kinds: [.keywordMatched], trackers: ["troops"])
        #expect(troops.accepts(kind: .keywordMatched, tracker: "troops"))
        #expect(!troops.accepts(kind: .keywordMatched, tracker: "grain"))
        #expect(!troops.accepts(kind: .figureChanged, tracker: "troops"))
        #expect(!SinkSettings(name: "t", target: .exec(command: ["/bin/true"]), trackers: ["troops"]).accepts(kind: .feedFailing, tracker: nil))
    }

    @Test func theSecretIsNeverPrinted() {
        let target = WebhookTarget(url: "https://h.example/x", secret: "s3cret", headers: ["Authorization": "Bearer abc"])
        #expect(!target.description.contains("s3cret"))
        #expect(!target.description.contains("abc"))
    }

    @Test(arguments: [
        ("[[sink]]\ntype = \"exec\"\ncommand = [\"/bin/true\"]\n", "sink #1: 'name' is required (a string such as \"pager\")"),
        ("[[sink]]\nname = \"a b\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\n", "sink 'a b': 'name' may hold only letters, digits, '-', '_' and '.' (at most 64)"),
        ("[[sink]]\nname = \"a\"\ntype = \"pager\"\n", "sink 'a': 'type' must be one of \"exec\", \"webhook\", \"ntfy\", \"email\", \"slack\", \"discord\", \"matrix\", \"telegram\""),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\n", "sink 'a': 'command' is required for an exec sink: the program and its arguments, such as [\"/usr/local/bin/notify\", \"--urgent\"]"),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = \"/bin/notify --urgent\"\n", "sink 'a': 'command' must be an array of strings"),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"notify\"]\n", "sink 'a': the first element of 'command' must be an absolute path to a program (no shell runs it)"),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\nurl = \"https://x.example\"\n", "sink 'a': unknown key 'url' for a sink of type \"exec\""),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\ntimeout = \"2h\"\n", "sink 'a': 'timeout' must be a duration from \"1s\" to \"10m\", such as \"30s\""),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\nkinds = [\"keyword.match\"]\n", "sink 'a': unknown alert kind 'keyword.match' in 'kinds' (known: keyword.matched, figure.changed, figure.first_seen, feed.failing, feed.recovered)"),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\n[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/false\"]\n", "sink 'a': another sink has this name; names must be unique"),
        ("[[sink]]\nname = \"w\"\ntype = \"webhook\"\n", "sink 'w': 'url' is required for a webhook sink, such as \"https://hooks.example/feedwatch\""),
        ("[[sink]]\nname = \"w\"\ntype = \"webhook\"\nurl = \"ftp://x.example/\"\n", "sink 'w': 'url' must be an http or https URL with a host, not \"ftp://x.example/\""),
        ("[[sink]]\nname = \"w\"\ntype = \"webhook\"\nurl = \"https://x.example/\"\nsecret = \"a\"\nsecret_file = \"b\"\n", "sink 'w': set one of 'secret', 'secret_file' and 'secret_env', not 'secret' and 'secret_file'"),
        ("[[sink]]\nname = \"w\"\ntype = \"webhook\"\nurl = \"https://x.example/\"\nheaders = { X-FeedWatch-Signature = \"forged\" }\n", "sink 'w': header 'X-FeedWatch-Signature' is set by FeedWatch and cannot be configured"),
        ("[[sink]]\nname = \"w\"\ntype = \"webhook\"\nurl = \"https://x.example/\"\nheaders = { \"Bad Name\" = \"x\" }\n", "sink 'w': 'Bad Name' is not a valid HTTP header name"),
        ("[sink]\nname = \"w\"\n", "'sink' must be an array of tables, each starting with [[sink]]"),
        ("[[sink]]\nname = \"m\"\ntype = \"email\"\nfrom = \"a@b.example\"\nto = \"c@d.example\"\n", "sink 'm': 'host' is required for an email sink: the SMTP server's name, such as \"smtp.example.org\""),
        ("[[sink]]\nname = \"m\"\ntype = \"email\"\nhost = \"h\"\nfrom = \"a@b.example\"\nto = \"c@d.example\\r\\nRCPT TO:<x@y>\"\n", "sink 'm': 'to' must be plain addresses such as \"alerts@example.org\", not \"c@d.example\r\nRCPT TO:<x@y>\""),
        ("[[sink]]\nname = \"m\"\ntype = \"email\"\nhost = \"h\"\nfrom = \"a@b.example\"\nto = \"c@d.example\"\nsecurity = \"ssl\"\n", "sink 'm': 'security' must be \"starttls\" (the default), \"tls\" (implicit, smtps) or \"none\""),
        ("[[sink]]\nname = \"m\"\ntype = \"email\"\nhost = \"h\"\nfrom = \"a@b.example\"\nto = \"c@d.example\"\npassword = \"pw\"\n", "sink 'm': a password needs a 'username'"),
        ("[[sink]]\nname = \"m\"\ntype = \"email\"\nhost = \"h\"\nfrom = \"a@b.example\"\nto = \"c@d.example\"\nport = 0\n", "sink 'm': 'port' must be a number from 1 to 65535"),
        ("[[sink]]\nname = \"s\"\ntype = \"slack\"\n", "sink 's': 'webhook_url' (or 'webhook_url_file', 'webhook_url_env') is required, such as \"https://hooks.slack.com/services/T…/B…/…\""),
        ("[[sink]]\nname = \"s\"\ntype = \"discord\"\nwebhook_url = \"discord.com/api/webhooks/1/secret-part\"\n", "sink 's': 'webhook_url' must be an http or https URL with a host"),
        ("[[sink]]\nname = \"m\"\ntype = \"matrix\"\nhomeserver = \"https://m.example\"\nroom = \"#news:m.example\"\ntoken = \"t\"\n", "sink 'm': 'room' must be a room id such as \"!AbCdEf:example.org\" (Room settings > Advanced), not an alias"),
        ("[[sink]]\nname = \"m\"\ntype = \"matrix\"\nhomeserver = \"https://m.example\"\nroom = \"!r:m.example\"\n", "sink 'm': a matrix sink needs its account's access token: 'token', 'token_file' or 'token_env'"),
        ("[[sink]]\nname = \"t\"\ntype = \"telegram\"\ntoken = \"1:x\"\nchat_id = \"news\"\n", "sink 't': 'chat_id' must be a chat's number (such as -1001234567890) or a channel's \"@name\""),
        ("[[sink]]\nname = \"t\"\ntype = \"telegram\"\ntoken = \"1:x/../y\"\nchat_id = 5\n", "sink 't': the bot token must look like 123456:ABC-DEF… (letters, digits, ':', '-', '_')"),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\ndigest = \"10s\"\n", "sink 'a': 'digest' must be a duration from \"1m\" to \"1d\", such as \"1h\""),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\nmax_per_hour = 0\n", "sink 'a': 'max_per_hour' must be a number from 1 to 3600"),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\nquiet_hours = \"22-7\"\n", "sink 'a': 'quiet_hours' must be two times of day such as \"22:00-07:00\""),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\nquiet_hours = \"2٢:00-07:00\"\n", "sink 'a': 'quiet_hours' must be two times of day such as \"22:00-07:00\""),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\nquiet_hours = \"22:00-07:00\"\ntime_zone = \"Mars/Olympus\"\n", "sink 'a': 'time_zone' must be a time zone name such as \"Europe/Kyiv\" or \"UTC\""),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\ntime_zone = \"UTC\"\n", "sink 'a': 'time_zone' applies to 'quiet_hours', which is not set"),
        ("[[sink]]\nname = \"p\"\ntype = \"ntfy\"\n", "sink 'p': 'topic' is required for an ntfy sink, such as \"feedwatch-alerts\""),
        ("[[sink]]\nname = \"p\"\ntype = \"ntfy\"\ntopic = \"a/b\"\n", "sink 'p': 'topic' may hold only letters, digits, '-' and '_' (1 to 64)"),
        ("[[sink]]\nname = \"p\"\ntype = \"ntfy\"\ntopic = \"t\"\nserver = \"ntfy.sh\"\n", "sink 'p': 'server' must be an http or https URL with a host, not \"ntfy.sh\""),
        ("[[sink]]\nname = \"p\"\ntype = \"ntfy\"\ntopic = \"t\"\npriority = { \"feed.failing\" = 9 }\n", "sink 'p': the priority of 'feed.failing' must be 1 to 5 or min, low, default, high, max"),
        ("[[sink]]\nname = \"p\"\ntype = \"ntfy\"\ntopic = \"t\"\npriority = { \"feed.fail\" = 4 }\n", "sink 'p': unknown alert kind 'feed.fail' in 'priority' (known: keyword.matched, figure.changed, figure.first_seen, feed.failing, feed.recovered)"),
        ("[[sink]]\nname = \"p\"\ntype = \"ntfy\"\ntopic = \"t\"\ntopik = \"u\"\n", "sink 'p': unknown key 'topik' for a sink of type \"ntfy\""),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\nbody = \"ok\\n{{#kind}}x{{/knd}}\"\n", "sink 'a': template 'body', line 2, column 14: a section is closed with another name than it was opened with"),
        ("[[sink]]\nname = \"a\"\ntype = \"exec\"\ncommand = [\"/bin/true\"]\ntitle = \"\"\n", "sink 'a': 'title' must be a non-empty template string"),
        ("[[sink]]\nname = \"w\"\ntype = \"webhook\"\nurl = \"https://x.example/\"\ncontent_type = \"text/plain\"\n", "sink 'w': 'content_type' applies to a 'payload' template; without one the body is the alert's JSON"),
    ])
    func eachMistakeIsOneLineNamingTheSink(text: String, message: String) {
        #expect(problem(text) == message)
    }

    @Test func anUnreadableSecretFileIsNamed() {
        let message = problem("[[sink]]\nname = \"w\"\ntype = \"webhook\"\nurl = \"https://x.example/\"\nsecret_file = \"missing.secret\"\n")
        #expect(message == "sink 'w': cannot read 'secret_file' \(directory.file("missing.secret")): No such file or directory")
    }
}

enum SinkTestFailure: Error {
    case wrongType
}
