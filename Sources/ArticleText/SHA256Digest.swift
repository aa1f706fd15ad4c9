import CLibCrypto
import FeedModel

/// SHA-256 from the system's libcrypto (OpenSSL): as fast as any Swift package and free to build.
///
/// The algorithm is fetched from OpenSSL's providers once per process: the one-shot `SHA256()`
/// fetches it on every call, which costs more than hashing an article's few kilobytes.
public enum SHA256Digest {
    public static func hex(of text: String) -> String {
        var text = text
        return text.withUTF8 { hex(of: UnsafeRawBufferPointer($0)) }
    }

    public static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(SHA256_DIGEST_LENGTH)) { digest in
            write(bytes, into: digest)
            return Hex.lowercase(UnsafeBufferPointer(digest))
        }
    }

    public static func hex(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex(of: $0) }
    }

    /// Writes the digest into `digest`, which has `SHA256_DIGEST_LENGTH` bytes.
    private static func write(_ bytes: UnsafeRawBufferPointer, into digest: UnsafeMutableBufferPointer<UInt8>) {
        var length: UInt32 = 0
        if let algorithm = Algorithm.sha256.pointer,
           EVP_Digest(bytes.baseAddress, bytes.count, digest.baseAddress, &length, algorithm, nil) == 1,
           length == SHA256_DIGEST_LENGTH {
            return
        }
        _ = SHA256(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, digest.baseAddress)
    }

    /// OpenSSL's SHA-256 implementation, fetched once. Safe to share between threads: the
    /// pointer is set once (a `static let`, under swift_once) and never changed, an `EVP_MD` is
    /// immutable once fetched, and OpenSSL documents fetched algorithms as usable from any number
    /// of threads at once; nothing here frees it.
    private struct Algorithm: @unchecked Sendable {
        let pointer: OpaquePointer?

        static let sha256 = Algorithm(pointer: EVP_MD_fetch(nil, "SHA256", nil))
    }
}
