/// A credential from the config (a token, a password, a signing key). It prints as `[secret]`
/// however it is printed (interpolated, dumped, mirrored), so a log line, `feedwatch status`,
/// an error or `--json` output that shows settings cannot show it.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credential itself, for the request that needs it and nothing else.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "[secret]" }
    public var debugDescription: String { "[secret]" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
