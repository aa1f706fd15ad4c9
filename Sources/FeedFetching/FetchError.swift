/// Why a transfer produced no response. Each message names what to check.
public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidURL(String)
    case unsupportedScheme(String)
    case hostNotFound(String)
    case connectionFailed(String)
    case timedOut(seconds: Int)
    case bodyTooLarge(limit: Int)
    case tooManyRedirects(limit: Int)
    case tls(String)
    case fileUnreadable(String)
    case cancelled
    case transfer(code: Int, message: String)

    public var description: String {
        switch self {
        case .invalidURL(let url): "not a valid URL: \(url)"
        case .unsupportedScheme(let url): "unsupported URL scheme (use http, https or file): \(url)"
        case .hostNotFound(let detail): "host not found: \(detail)"
        case .connectionFailed(let detail): "connection failed: \(detail)"
        case .timedOut(let seconds): "timed out after \(seconds) s"
        case .bodyTooLarge(let limit): "response larger than the limit of \(limit) bytes (decoded)"
        case .tooManyRedirects(let limit): "more than \(limit) redirects"
        case .tls(let detail): "TLS error: \(detail)"
        case .fileUnreadable(let detail): "cannot read file: \(detail)"
        case .cancelled: "transfer cancelled"
        case .transfer(let code, let message): "transfer failed (curl \(code)): \(message)"
        }
    }
}

extension FetchError {
    /// The same error with its texts passed through `clean` (to take credentials out of them).
    public func redacted(_ clean: (String) -> String) -> FetchError {
        switch self {
        case .invalidURL(let url): .invalidURL(clean(url))
        case .unsupportedScheme(let url): .unsupportedScheme(clean(url))
        case .hostNotFound(let detail): .hostNotFound(clean(detail))
        case .connectionFailed(let detail): .connectionFailed(clean(detail))
        case .tls(let detail): .tls(clean(detail))
        case .fileUnreadable(let detail): .fileUnreadable(clean(detail))
        case .transfer(let code, let message): .transfer(code: code, message: clean(message))
        case .timedOut, .bodyTooLarge, .tooManyRedirects, .cancelled: self
        }
    }
}
