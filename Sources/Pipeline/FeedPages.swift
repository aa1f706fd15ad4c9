import FeedStorage
import Synchronization

/// The feeds a cycle polls, read a page at a time in the order they are written: each page
/// follows the last feed of the page before (nil for the first), and an empty page ends them.
/// A cycle reads the next page as its fetches near the end of the last one, and lets go of a
/// feed's record once the feed is taken into a write: it holds a page or two of records however
/// many feeds it polls, and its pipeline never drains between pages.
public struct FeedPages: Sendable {
    /// The page after this feed (nil: the first page).
    let next: @Sendable (_ after: FeedRecord?) async throws -> [FeedRecord]
    /// Whether a feed of a page is polled (the others are skipped, and still move the cursor).
    let include: @Sendable (FeedRecord) -> Bool

    public init(
        include: @escaping @Sendable (FeedRecord) -> Bool = { _ in true },
        next: @escaping @Sendable (_ after: FeedRecord?) async throws -> [FeedRecord]
    ) {
        self.include = include
        self.next = next
    }

    /// Pages whose first is already in hand (read by the caller, so that its failure is the
    /// caller's to report); the cycle takes it once and does not keep it.
    public init(
        first: [FeedRecord], include: @escaping @Sendable (FeedRecord) -> Bool = { _ in true },
        next: @escaping @Sendable (_ after: FeedRecord) async throws -> [FeedRecord]
    ) {
        let held = Held(first)
        self.init(include: include) { after in
            guard let after else { return held.take() }
            return try await next(after)
        }
    }

    /// Feeds already in hand, as one page.
    public static func given(_ feeds: [FeedRecord]) -> FeedPages {
        FeedPages(first: feeds) { _ in [] }
    }

    /// A page handed over once.
    private final class Held: Sendable {
        private let page: Mutex<[FeedRecord]?>

        init(_ page: [FeedRecord]) { self.page = Mutex(page) }

        func take() -> [FeedRecord] {
            page.withLock { page in
                defer { page = nil }
                return page ?? []
            }
        }
    }
}
