// swift-tools-version:6.1
// The feed parser under libFuzzer. Built only by Fuzz/run.sh (it needs -sanitize=fuzzer).
import PackageDescription

let package = Package(
    name: "FeedWatchFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "FeedWatch", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "FeedParserFuzz",
            dependencies: ["CFuzzerDriver", .product(name: "FeedParsing", package: "FeedWatch")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ],
    swiftLanguageModes: [.v6]
)
