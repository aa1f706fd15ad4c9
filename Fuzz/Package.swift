// swift-tools-version:6.1
// One libFuzzer target per reader of outside data. Built only by Fuzz/run.sh (it needs
// -sanitize=fuzzer); each target's seeds are in seeds/<target>, its dictionary in dicts/.
import PackageDescription

/// A fuzz target: an executable whose entry point hands control to libFuzzer's driver.
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["CFuzzerDriver"] + products.map { .product(name: $0, package: "FeedWatch") },
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "FeedWatchFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "FeedWatch", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        // Feed documents: RSS, Atom, RDF and JSON Feed.
        fuzzTarget("FeedParserFuzz", ["FeedParsing"]),
        // Dates in feeds: RFC 822 with its variants, RFC 3339.
        fuzzTarget("FeedDateFuzz", ["FeedParsing", "FeedModel"]),
        // HTML to text, sentences and the content hash.
        fuzzTarget("HTMLTextFuzz", ["ArticleText", "FeedModel"]),
        // Figures in article text; every value must be finite.
        fuzzTarget("FigureFuzz", ["FigureExtraction"]),
        // Which figure a figure tracker takes from an article; it must be a level.
        fuzzTarget("FigureChoiceFuzz", ["Tracking", "FeedModel"]),
        // OPML subscription lists.
        fuzzTarget("OPMLFuzz", ["FeedParsing"]),
        // The TOML config file.
        fuzzTarget("ConfigFuzz", ["Configuration"]),
        // Durations and byte sizes.
        fuzzTarget("DurationFuzz", ["Configuration"]),
        // The Retry-After header.
        fuzzTarget("RetryAfterFuzz", ["FeedFetching"]),
        // Feed URLs (command line, OPML, lists, redirects) and the escaping of what is printed.
        fuzzTarget("URLFuzz", ["FeedModel"]),
        // The `database` setting when it is a PostgreSQL URL.
        fuzzTarget("DatabaseURLFuzz", ["FeedModel"]),
        // Sinks' Mustache templates from the config, parsed and rendered for an alert.
        fuzzTarget("TemplateFuzz", ["AlertMessages"]),
        // What a person types to `articles --search`, as an FTS5 query.
        fuzzTarget("SearchQueryFuzz", ["FeedModel"]),
        // Web pages given to `feed add`, read for the feeds they link.
        fuzzTarget("FeedDiscoveryFuzz", ["FeedParsing"]),
        // `feed add --header` and the first line of a `--credentials` file.
        fuzzTarget("RequestHeaderFuzz", ["FeedModel"]),
    ],
    swiftLanguageModes: [.v6]
)
