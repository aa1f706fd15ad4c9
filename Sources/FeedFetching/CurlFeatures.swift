import CCurl

/// What the linked libcurl can do.
enum CurlFeatures {
    static var version: String { String(cString: fw_curl_version()) }

    static var encodings: [String] {
        var names = ["deflate", "gzip"]
        if fw_curl_supports_feature(Int32(CURL_VERSION_BROTLI)) != 0 { names.append("br") }
        if fw_curl_supports_feature(Int32(CURL_VERSION_ZSTD)) != 0 { names.append("zstd") }
        return names
    }
}
