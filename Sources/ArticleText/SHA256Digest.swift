import CLibCrypto
import FeedModel

/// SHA-256 from the system's libcrypto (OpenSSL): as fast as any Swift package and free to build.
public enum SHA256Digest {
    public static func hex(of text: String) -> String {
        var text = text
        return text.withUTF8 { hex(of: UnsafeRawBufferPointer($0)) }
    }

    public static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        Hex.lowercase(digest(of: bytes))
    }

    public static func hex(of bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex(of: $0) }
    }

    public static func digest(of bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        digest.withUnsafeMutableBufferPointer { output in
            _ = SHA256(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, output.baseAddress)
        }
        return digest
    }
}
