import CCurl
import Foundation

/// One e-mail for an SMTP server: the envelope (sender, recipients), how to reach the server and
/// log in, and the message as it goes on the wire (RFC 5322, CRLF line ends).
public struct MailEnvelope: Sendable {
    public enum Security: String, Sendable, Equatable {
        /// Plain SMTP, then `STARTTLS` before anything else; a server that does not offer it is a failure.
        case startTLS = "starttls"
        /// TLS from the first byte (`smtps://`, usually port 465).
        case tls
        /// No encryption at all: for a relay on the same machine.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var from: String
    public var recipients: [String]
    public var username: String?
    public var password: String?
    /// A PEM file of certificate authorities to trust instead of the system's (a private CA).
    public var caFile: String?
    public var message: [UInt8]
    public var timeout: Duration

    public init(
        host: String, port: Int, security: Security, from: String, recipients: [String], username: String? = nil,
        password: String? = nil, caFile: String? = nil, message: [UInt8], timeout: Duration
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.from = from
        self.recipients = recipients
        self.username = username
        self.password = password
        self.caFile = caFile
        self.message = message
        self.timeout = timeout
    }

    /// `smtp://host:port` or `smtps://host:port` (an IPv6 address in brackets).
    public var url: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return "\(security == .tls ? "smtps" : "smtp")://\(name):\(port)"
    }
}

/// Hands e-mails to an SMTP server with libcurl (`MAIL FROM`, `RCPT TO`, `DATA`), with
/// `STARTTLS` or implicit TLS and a login when given. The server has taken the message when
/// `send` returns; it blocks its thread until then, so call it off the cooperative pool.
public enum MailSender {
    public static func send(_ envelope: MailEnvelope) throws(FetchError) {
        CurlGlobal.initialize()
        guard let easy = curl_easy_init() else { throw .transfer(code: -1, message: "libcurl could not create a transfer") }
        let upload = MailUpload(envelope.message)
        let context = Unmanaged.passRetained(upload)
        var recipients: UnsafeMutablePointer<curl_slist>?
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(to: 0)
        defer {
            curl_easy_cleanup(easy)
            curl_slist_free_all(recipients)
            errorBuffer.deallocate()
            context.release()
        }
        for recipient in envelope.recipients { recipients = curl_slist_append(recipients, "<\(recipient)>") }
        fw_easy_setopt_string(easy, CURLOPT_URL, envelope.url)
        fw_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        fw_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        fw_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        fw_easy_setopt_long(easy, CURLOPT_USE_SSL, Int(envelope.security == .none ? CURLUSESSL_NONE.rawValue : CURLUSESSL_ALL.rawValue))
        if let caFile = envelope.caFile { fw_easy_setopt_string(easy, CURLOPT_CAINFO, caFile) }
        if let username = envelope.username { fw_easy_setopt_string(easy, CURLOPT_USERNAME, username) }
        if let password = envelope.password { fw_easy_setopt_string(easy, CURLOPT_PASSWORD, password) }
        fw_easy_setopt_string(easy, CURLOPT_MAIL_FROM, "<\(envelope.from)>")
        fw_easy_setopt_pointer(easy, CURLOPT_MAIL_RCPT, UnsafeMutableRawPointer(recipients))
        fw_easy_setopt_long(easy, CURLOPT_UPLOAD, 1)
        fw_easy_setopt_off_t(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(envelope.message.count))
        fw_easy_setopt_data_callback(easy, CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            return Unmanaged<MailUpload>.fromOpaque(context).takeUnretainedValue().read(into: buffer, capacity: size * count)
        }
        fw_easy_setopt_pointer(easy, CURLOPT_READDATA, context.toOpaque())
        let milliseconds = Int(envelope.timeout.components.seconds * 1000 + envelope.timeout.components.attoseconds / 1_000_000_000_000_000)
        fw_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, milliseconds)
        fw_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, min(milliseconds, 15_000))
        let code = curl_easy_perform(easy)
        guard code != CURLE_OK else { return }
        var detail = errorBuffer.pointee == 0 ? String(cString: curl_easy_strerror(code)) : String(cString: errorBuffer)
        // The server's last reply code (a 451 after DATA reads "Weird server reply" in curl's words).
        var reply = 0
        fw_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &reply)
        if reply >= 400 { detail = "the SMTP server answered \(reply): \(detail)" }
        switch code {
        case CURLE_OPERATION_TIMEDOUT: throw .timedOut(seconds: milliseconds / 1000)
        case CURLE_COULDNT_RESOLVE_HOST: throw .hostNotFound(detail)
        case CURLE_COULDNT_CONNECT: throw .connectionFailed(detail)
        case CURLE_URL_MALFORMAT: throw .invalidURL(envelope.url)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
             CURLE_USE_SSL_FAILED:
            throw .tls(detail)
        default: throw .transfer(code: Int(code.rawValue), message: detail)
        }
    }
}

/// The message, handed to libcurl's read callback piece by piece.
private final class MailUpload {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            guard let base = source.baseAddress else { return }
            UnsafeMutableRawPointer(buffer).copyMemory(from: base + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
