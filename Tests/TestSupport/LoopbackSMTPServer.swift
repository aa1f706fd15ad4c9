import Foundation

/// A real SMTP server on 127.0.0.1 for tests: Python's `aiosmtpd` (installed by
/// `scripts/setup`) running `Tests/Peers/smtp_peer.py`, with STARTTLS or implicit TLS over a
/// throw-away certificate, a login, and refusals of the first messages when asked. It records
/// each message it accepts; it stops with this object, or with the test process.
public final class LoopbackSMTPServer {
    public enum Security: Sendable {
        case none
        case startTLS(ThrowAwayCertificate)
        case implicitTLS(ThrowAwayCertificate)
    }

    /// One accepted message: the envelope, the content as received, TLS on or off, who logged in.
    public struct Received: Decodable, Sendable {
        public var mailFrom: String
        public var rcptTos: [String]
        public var content: String
        public var tls: Bool
        public var login: String?

        enum CodingKeys: String, CodingKey {
            case mailFrom = "mail_from", rcptTos = "rcpt_tos", content, tls, login
        }
    }

    public let port: Int
    private let process: Process
    private let input: Pipe
    private let directory: TemporaryDirectory

    public init(security: Security = .none, login: (user: String, password: String)? = nil, refuseFirst: Int = 0) throws {
        directory = TemporaryDirectory()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Peers/smtp_peer.py").path
        var arguments = ["python3", script, directory.path, "--refuse-first", String(refuseFirst)]
        switch security {
        case .none: break
        case .startTLS(let certificate): arguments += ["--starttls", certificate.certificate, certificate.key]
        case .implicitTLS(let certificate): arguments += ["--implicit-tls", certificate.certificate, certificate.key]
        }
        if let login { arguments += ["--login", "\(login.user):\(login.password)"] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var line: [UInt8] = []
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") { line.append(byte) }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw PeerError.notStarted("the SMTP peer did not start (run scripts/setup to install aiosmtpd): \(message)")
        }
        self.port = port
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// The accepted messages, in the order they came.
    public var received: [Received] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return names.compactMap { name in
            FileManager.default.contents(atPath: directory.file(name)).flatMap { try? JSONDecoder().decode(Received.self, from: $0) }
        }
    }
}

/// A self-signed certificate for `localhost` and 127.0.0.1, made by `openssl` for one test.
public struct ThrowAwayCertificate: Sendable {
    public let certificate: String
    public let key: String

    public init(in directory: TemporaryDirectory) throws {
        certificate = directory.file("cert.pem")
        key = directory.file("key.pem")
        let result = try Programs.runSystem(
            "/usr/bin/openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        guard result.status == 0 else { throw PeerError.notStarted("openssl could not make a certificate") }
    }
}

public enum PeerError: Error, CustomStringConvertible {
    case notStarted(String)

    public var description: String {
        switch self {
        case .notStarted(let message): message
        }
    }
}
