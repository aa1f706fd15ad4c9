import ArgumentParser
import Configuration
import FeedModel
import FeedStorage
import Foundation

/// Applies the retention now and gives the space it freed back to the file system.
struct VacuumCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacuum",
        abstract: "Drop article texts older than the config's retention and give free space back; report what was reclaimed.",
        discussion: """
            Without `retention` in the config nothing is dropped; free pages are still given back. \\
            A database made by an older FeedWatch is rebuilt once (VACUUM), which needs room for a copy of it.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let settings = try global.settings()
        let store = try openStore(settings)
        var report = RetentionReport()
        report.bytesBefore = try storage { try store.fileBytes() }
        if let retention = settings.retention {
            let cutoff = Date().addingTimeInterval(-Double(retention.components.seconds))
            report.articlesTrimmed = try storage { try store.dropBodies(firstSeenBefore: cutoff) }
        }
        try storage { try store.reclaimSpace() }
        report.bytesAfter = try storage { try store.fileBytes() }
        if output.json {
            JSONOutput.print(VacuumView(report: report, retentionSeconds: settings.retention.map { Int($0.components.seconds) }))
            return
        }
        let kept = settings.retention.map { "older than \(DurationText.format($0))" }
        if let kept {
            print("dropped the texts of \(Plural.count(report.articlesTrimmed, "article")) first seen \(kept)")
        } else {
            print("no retention configured (set `retention = \"90d\"` in the config): article texts are kept")
        }
        print("reclaimed \(Self.size(report.bytesReclaimed)); the database is now \(Self.size(report.bytesAfter))")
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return String(format: "%.1f kB", Double(bytes) / Double(1 << 10)) }
        return Plural.count(bytes, "byte")
    }
}

/// What `vacuum --json` prints.
struct VacuumView: Encodable {
    var articlesTrimmed: Int
    var bytesBefore: Int
    var bytesAfter: Int
    var bytesReclaimed: Int
    @NullEncoded var retentionSeconds: Int?

    init(report: RetentionReport, retentionSeconds: Int?) {
        articlesTrimmed = report.articlesTrimmed
        bytesBefore = report.bytesBefore
        bytesAfter = report.bytesAfter
        bytesReclaimed = report.bytesReclaimed
        self.retentionSeconds = retentionSeconds
    }
}
