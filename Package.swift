// swift-tools-version:6.1
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// How the two programs are linked (README, "Performance"):
// - they export none of their own symbols: a statically linked Swift program is linked with
//   `-export-dynamic`, which put 41,000 names in its dynamic symbol table, and the dynamic
//   loader looked each library's symbols up there first (starts took a tenth longer). Nothing
//   looks the programs' symbols up at run time; backtraces are symbolicated from the symbol
//   table, which stays;
// - by the toolchain's lld, with relative relocations packed (`DT_RELR`, glibc 2.36): 25 kB
//   instead of 3 MB of relocations, read at every start and resident after it. Peak RSS of a
//   cold cycle of 2,000 feeds fell from 76 to 69 MB, of a warm one from 50 to 43 MB;
// - in release builds, with the functions a poll cycle runs placed first, in the order of
//   `Sources/feedwatchd/function-order.txt` (written by `scripts/order-functions`): the kernel
//   maps code 64 kB at a time around each page touched, so code spread over the executable was
//   resident nearly whole. Peak RSS of a cold cycle of 2,000 feeds fell from 67-69 to 62-63 MB.
//   A function the list does not name is placed after those it does; the list never fails a
//   build.
let packageDirectory = String(#filePath.dropLast("/Package.swift".count))
let program: [LinkerSetting] = [
    .unsafeFlags(["-use-ld=lld", "-Xlinker", "--no-export-dynamic", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"]),
    .unsafeFlags(
        [
            "-Xlinker", "--symbol-ordering-file=\(packageDirectory)/Sources/feedwatchd/function-order.txt",
            "-Xlinker", "--no-warn-symbol-ordering",
        ], .when(configuration: .release)),
]

let package = Package(
    name: "FeedWatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "feedwatchd", targets: ["feedwatchd"]),
        .executable(name: "feedwatch", targets: ["feedwatch"]),
        // For Fuzz/, which builds each reader of outside data with libFuzzer.
        .library(name: "FeedParsing", targets: ["FeedParsing"]),
        .library(name: "FeedModel", targets: ["FeedModel"]),
        .library(name: "ArticleText", targets: ["ArticleText"]),
        .library(name: "FigureExtraction", targets: ["FigureExtraction"]),
        .library(name: "Tracking", targets: ["Tracking"]),
        .library(name: "Configuration", targets: ["Configuration"]),
        .library(name: "FeedFetching", targets: ["FeedFetching"]),
        .library(name: "AlertMessages", targets: ["AlertMessages"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // Hook programs: spawning, pipes and waiting without blocking a thread (swift-system comes with it).
        .package(url: "https://github.com/swiftlang/swift-subprocess", exact: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // The PostgreSQL backend, for several daemons sharing one database.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // postgres-nio's own: its event loops and TLS, named for the connection settings.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // C boundaries: libcurl (variadic setopt/getinfo need typed wrappers), libxml2, libcrypto, zlib, libdeflate.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("curl")]),
        // The story index's scan with the CPU's bit count instruction.
        .target(name: "CNearestPrint"),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Whole-buffer DEFLATE, twice as fast as zlib on article-sized inputs; zlib reads its output.
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),

        // Plain model types shared by every layer; no I/O.
        .target(name: "FeedModel", swiftSettings: upcoming),
        // HTML to text, normalisation, sentences and the content hash.
        .target(name: "ArticleText", dependencies: ["CLibCrypto", "FeedModel"], swiftSettings: upcoming),
        // HTTP(S)/file transfers through one libcurl multi handle.
        .target(name: "FeedFetching", dependencies: ["CCurl", "FeedModel"], swiftSettings: upcoming),
        // RSS/Atom documents into the format-neutral model.
        .target(name: "FeedParsing", dependencies: ["CLibXML2", "FeedModel", "ArticleText"], swiftSettings: upcoming),
        // Feeds, articles, sources, trackers, alerts: one interface (`FeedDatabase`), in SQLite on
        // one machine or in PostgreSQL for several daemons.
        .target(
            name: "FeedStorage",
            dependencies: [
                "ArticleText", "CLibDeflate", "CNearestPrint", "CZlib", "FeedModel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        // Counts, percentages and sums of money in text, normalised for figure trackers.
        .target(name: "FigureExtraction", dependencies: ["FeedModel", "ArticleText"], swiftSettings: upcoming),
        // Trackers that turn new articles into alerts.
        .target(name: "Tracking", dependencies: ["FeedModel", "ArticleText", "FigureExtraction"], swiftSettings: upcoming),
        // Where alerts go: the JSON Lines log and the journal.
        .target(
            name: "Alerting",
            dependencies: ["FeedModel", .product(name: "Logging", package: "swift-log")],
            swiftSettings: upcoming
        ),
        // Alerts as messages people read: Mustache templates and the defaults of each kind.
        .target(
            name: "AlertMessages",
            dependencies: [.product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: upcoming
        ),
        // The configuration file and the default paths.
        .target(
            name: "Configuration",
            dependencies: ["FeedModel", "AlertMessages"],
            swiftSettings: upcoming
        ),
        // Alert hooks: programs and webhooks fed from the outbox, with retries.
        .target(
            name: "AlertHooks",
            dependencies: [
                "AlertMessages", "CLibCrypto", "FeedModel", "FeedFetching", "FeedStorage", "Configuration",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: upcoming
        ),
        // The poll cycle as stages: fetch, parse and prepare, evaluate trackers, write, deliver.
        .target(
            name: "Pipeline",
            dependencies: [
                "FeedModel", "ArticleText", "FeedFetching", "FeedParsing", "FeedStorage", "FigureExtraction", "Tracking",
                "Alerting", "AlertHooks",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        // The daemon: polling, hooks, reload, watchdog and metrics as services under one group,
        // and the composition root that builds everything from the settings.
        .target(
            name: "Daemon",
            dependencies: [
                "FeedModel", "FeedFetching", "FeedStorage", "Alerting", "AlertHooks", "Configuration", "Pipeline",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        // The command lines of both programs: the daemon's flags and the control CLI's verbs.
        .target(
            name: "FeedWatchCommands",
            dependencies: [
                "FeedModel", "FeedFetching", "FeedParsing", "FeedStorage", "FigureExtraction", "Tracking", "Alerting",
                "AlertHooks", "AlertMessages", "Configuration", "Pipeline", "Daemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "feedwatchd", dependencies: ["FeedWatchCommands"], exclude: ["function-order.txt"], swiftSettings: upcoming,
            linkerSettings: program),
        .executableTarget(name: "feedwatch", dependencies: ["FeedWatchCommands"], swiftSettings: upcoming, linkerSettings: program),
        // Measurements for Benchmarks/ (not shipped): parse and storage throughput over a corpus.
        .executableTarget(name: "feedwatch-bench", dependencies: ["FeedParsing", "FeedModel", "FeedStorage", "FigureExtraction", "Tracking"], path: "Benchmarks/Sources/feedwatch-bench", swiftSettings: upcoming),

        // Tests mirror the targets; TestSupport holds the loopback HTTP server and temp dirs.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: upcoming),
        .testTarget(name: "FeedModelTests", dependencies: ["FeedModel"], swiftSettings: upcoming),
        .testTarget(name: "ArticleTextTests", dependencies: ["ArticleText", "FeedModel"], exclude: ["Corpus"], swiftSettings: upcoming),
        .testTarget(name: "FeedFetchingTests", dependencies: ["FeedFetching", "TestSupport"], swiftSettings: upcoming),
        .testTarget(
            name: "FeedParsingTests", dependencies: ["FeedParsing", "FeedModel", "TestSupport"], exclude: ["Fixtures"],
            swiftSettings: upcoming),
        .testTarget(name: "FeedStorageTests", dependencies: ["CNearestPrint", "FeedStorage", "FeedModel", "TestSupport"], swiftSettings: upcoming),
        .testTarget(
            name: "FigureExtractionTests", dependencies: ["FigureExtraction"], exclude: ["Corpus"], swiftSettings: upcoming),
        .testTarget(
            name: "TrackingTests", dependencies: ["Tracking", "FeedModel", "FigureExtraction"], exclude: ["Corpus"],
            swiftSettings: upcoming),
        .testTarget(name: "AlertingTests", dependencies: ["Alerting", "FeedModel", "TestSupport"], swiftSettings: upcoming),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Pipeline", "Daemon", "FeedParsing", "FeedStorage", "FeedFetching", "Alerting", "AlertHooks", "Configuration", "FeedModel", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "AlertHooksTests",
            dependencies: [
                "AlertHooks", "AlertMessages", "Configuration", "FeedStorage", "FeedModel", "FeedFetching", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(name: "AlertMessagesTests", dependencies: ["AlertMessages"], swiftSettings: upcoming),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "AlertMessages", "FeedModel", "TestSupport"], swiftSettings: upcoming),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"], swiftSettings: upcoming),
    ],
    swiftLanguageModes: [.v6]
)
