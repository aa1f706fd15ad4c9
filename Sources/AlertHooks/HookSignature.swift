import CLibCrypto
import FeedModel

/// The `X-FeedWatch-Signature` of a webhook request: `sha256=` and the lowercase hex
/// HMAC-SHA256 of the exact request body, keyed with the sink's secret. A receiver that
/// computes the same over the bytes it got knows the alert came from FeedWatch, unaltered.
public enum HookSignature {
    public static func header(secret: String, body: [UInt8]) -> String {
        "sha256=" + Hex.lowercase(hmacSHA256(key: Array(secret.utf8), message: body))
    }

    static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBytes { key in
            message.withUnsafeBytes { message in
                digest.withUnsafeMutableBufferPointer { output in
                    _ = HMAC(
                        EVP_sha256(), key.baseAddress, Int32(key.count),
                        message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count, output.baseAddress, &length)
                }
            }
        }
        return Array(digest.prefix(Int(length)))
    }
}
