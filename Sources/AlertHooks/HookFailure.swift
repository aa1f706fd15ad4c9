import FeedFetching
import Foundation

/// Why a hook did not take an alert, in words for the log and `feedwatch status`.
public enum HookFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The program could not be started (missing, not executable).
    case cannotStart(program: String, reason: String)
    /// The program ended with a status other than 0; `stderr` is the first line it wrote there.
    case exited(status: Int32, stderr: String?)
    case killedBySignal(Int32, stderr: String?)
    /// The program ran past the sink's timeout and was killed.
    case timedOut(Duration)
    /// The receiver answered with a status other than 2xx; `body` is its first line.
    case httpStatus(Int, body: String?, retryAfter: Date?)
    /// The receiver answered with a redirect, which a POST does not follow.
    case redirected(status: Int, location: String?)
    /// No answer came (connection refused, DNS, TLS, timeout).
    case notSent(FetchError)
    /// The daemon is stopping; the delivery is left for the next start and not counted as a failure.
    case cancelled

    public var description: String {
        switch self {
        case .cannotStart(let program, let reason): "cannot run \(program): \(reason)"
        case .exited(let status, let stderr): "exited with status \(status)" + (stderr.map { ": \($0)" } ?? "")
        case .killedBySignal(let signal, let stderr): "killed by signal \(signal)" + (stderr.map { ": \($0)" } ?? "")
        case .timedOut(let limit): "still running after \(limit.components.seconds) s, killed"
        case .httpStatus(let status, let body, _): "HTTP \(status)" + (body.map { ": \($0)" } ?? "")
        case .redirected(let status, let location):
            "HTTP \(status): redirects are not followed; set the sink's url to the new address" + (location.map { " (\($0))" } ?? "")
        case .notSent(let error): "\(error)"
        case .cancelled: "cancelled: the daemon is stopping"
        }
    }

    /// A receiver that refuses the request itself (a 4xx other than 408 and 429, a redirect)
    /// needs a person to fix it: still retried, but logged as an error.
    public var needsAttention: Bool {
        switch self {
        case .httpStatus(let status, _, _): (400..<500).contains(status) && status != 408 && status != 429
        case .redirected, .cannotStart: true
        default: false
        }
    }

    /// When a receiver asked to be left alone (`Retry-After` on a 429 or 503).
    public var retryAfter: Date? {
        if case .httpStatus(_, _, let date) = self { return date }
        return nil
    }

    /// The same failure with every credential of the sink replaced by `[secret]`: a server may
    /// echo a request, and curl's messages may quote a URL that carries a token.
    public func redacted(by redaction: Redaction) -> HookFailure {
        guard !redaction.secrets.isEmpty else { return self }
        let clean = redaction.apply(to:)
        return switch self {
        case .cannotStart(let program, let reason): .cannotStart(program: clean(program), reason: clean(reason))
        case .exited(let status, let stderr): .exited(status: status, stderr: stderr.map(clean))
        case .killedBySignal(let signal, let stderr): .killedBySignal(signal, stderr: stderr.map(clean))
        case .httpStatus(let status, let body, let retryAfter): .httpStatus(status, body: body.map(clean), retryAfter: retryAfter)
        case .redirected(let status, let location): .redirected(status: status, location: location.map(clean))
        case .notSent(let error): .notSent(error.redacted(clean))
        case .timedOut, .cancelled: self
        }
    }

    /// The first non-empty line of what a program or server said, short enough for one log line.
    static func firstLine(of bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).lazy
            .map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty })
        else { return nil }
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
