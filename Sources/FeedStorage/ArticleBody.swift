import ArticleText
import CLibDeflate
import CZlib
import FeedModel
import Foundation

/// An article's summary and content as one compressed value, so each article costs about a
/// third of its text on disk. The plain text is not stored: it is derived again, exactly as the
/// parser derived it (`ContentHash.bodyText`), from the content or summary and one flag.
///
/// Layout: a format byte (2), then raw deflate of: a flags byte (bit 0: summary present, bit 1:
/// content present, bit 2: the body is plain text, not HTML), the summary's UTF-8 length (4
/// bytes, little-endian), the summary, and the content up to the end. Decoding checks every
/// length against what is there: a damaged value decodes to nil, never traps.
public struct ArticleBody: Sendable, Equatable {
    public var summary: String?
    public var content: String?
    public var isPlainText: Bool

    public init(summary: String?, content: String?, isPlainText: Bool) {
        self.summary = summary
        self.content = content
        self.isPlainText = isPlainText
    }

    /// The body's plain text, as the parser derived it.
    public var text: String { ContentHash.bodyText(content: content, summary: summary, isPlainText: isPlainText) }

    static let format: UInt8 = 2
}

/// Compresses article bodies with libdeflate, reusing one compressor for every body it encodes
/// (setting one up costs more than compressing a short article). Its output is raw DEFLATE, which
/// zlib inflates (`ArticleBody(stored:)`), at twice zlib's speed on article-sized inputs. One
/// encoder per task or thread.
public final class ArticleBodyEncoder {
    private let compressor: OpaquePointer?

    public init() {
        // The fastest level: articles are a few kilobytes, and it compresses them as well as
        // zlib's best.
        compressor = libdeflate_alloc_compressor(1)
    }

    deinit {
        if let compressor { libdeflate_free_compressor(compressor) }
    }

    /// The stored form of a body; nil only if the compressor could not be set up (the caller
    /// then stores the body plain).
    public func encode(_ body: ArticleBody) -> Data? {
        guard let compressor else { return nil }
        var payload: [UInt8] = [(body.summary == nil ? 0 : 1) | (body.content == nil ? 0 : 2) | (body.isPlainText ? 4 : 0)]
        guard Self.appendField(body.summary ?? "", to: &payload) else { return nil }
        payload.append(contentsOf: (body.content ?? "").utf8)
        let bound = libdeflate_deflate_compress_bound(compressor, payload.count)
        var output = [UInt8](repeating: 0, count: bound + 1)
        output[0] = ArticleBody.format
        let written = payload.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                libdeflate_deflate_compress(compressor, input.baseAddress, input.count, out.baseAddress.map { $0 + 1 }, bound)
            }
        }
        // 0: did not fit in the bound, which libdeflate guarantees it does.
        guard written > 0 else { return nil }
        return Data(output[0..<(1 + written)])
    }

    private static func appendField(_ text: String, to payload: inout [UInt8]) -> Bool {
        guard let length = UInt32(exactly: text.utf8.count) else { return false }
        withUnsafeBytes(of: length.littleEndian) { payload.append(contentsOf: $0) }
        payload.append(contentsOf: text.utf8)
        return true
    }
}

extension ArticleBody {
    /// Decodes a stored body; nil if it is not one this version wrote, or is damaged.
    public init?(stored data: Data) {
        guard data.first == ArticleBody.format, let payload = Self.inflate(data.dropFirst()), let flags = payload.first else {
            return nil
        }
        var offset = 1
        func field() -> String? {
            guard offset + 4 <= payload.count else { return nil }
            var length = 0
            for shift in 0..<4 { length |= Int(payload[offset + shift]) << (8 * shift) }
            offset += 4
            guard length <= payload.count - offset else { return nil }
            defer { offset += length }
            return payload.withUnsafeBufferPointer { String(decodingUTF8: UnsafeBufferPointer(rebasing: $0[offset..<(offset + length)])) }
        }
        guard let summary = field() else { return nil }
        let content = payload.withUnsafeBufferPointer { String(decodingUTF8: UnsafeBufferPointer(rebasing: $0[offset...])) }
        self.init(summary: flags & 1 != 0 ? summary : nil, content: flags & 2 != 0 ? content : nil, isPlainText: flags & 4 != 0)
    }

    private static func inflate(_ compressed: Data) -> [UInt8]? {
        var stream = z_stream()
        guard feedwatch_inflate_init(&stream, -15) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = [UInt8](compressed)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: max(4096, input.count * 4))
        return input.withUnsafeMutableBufferPointer { input -> [UInt8]? in
            stream.next_in = input.baseAddress
            stream.avail_in = uInt(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { return output }
                // No progress with input left, or a damaged stream: not a body.
                guard status == Z_OK || (status == Z_BUF_ERROR && produced > 0) else { return nil }
                if stream.avail_in == 0 && produced == 0 { return nil }
            }
        }
    }
}
