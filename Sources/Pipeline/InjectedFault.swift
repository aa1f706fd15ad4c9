#if DEBUG
import Foundation

/// A crash only a test build can cause: when `FEEDWATCH_TEST_TRAP` is set, a feed body that
/// contains its value stops the process as a trap in the parser would. Release builds have no
/// such code, so no environment and no feed can reach it there.
enum InjectedFault {
    private static let marker: [UInt8]? = ProcessInfo.processInfo.environment["FEEDWATCH_TEST_TRAP"]
        .flatMap { $0.isEmpty ? nil : Array($0.utf8) }

    static func trapIfRequested(by body: [UInt8]) {
        guard let marker, body.count >= marker.count else { return }
        let found = body.withUnsafeBufferPointer { bytes in
            (0...(bytes.count - marker.count)).contains { start in
                bytes[start] == marker[0] && marker.indices.allSatisfy { bytes[start + $0] == marker[$0] }
            }
        }
        if found { fatalError("injected fault: the body contains FEEDWATCH_TEST_TRAP") }
    }
}
#endif
