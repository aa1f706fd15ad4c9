import Foundation

extension SinkTables {
    /// A credential given one of three ways: `KEY = "…"` in the config, `KEY_file` (a file of its
    /// own, readable by the daemon alone, read at every (re)load; a final line break is not part
    /// of it) or `KEY_env` (the name of an environment variable of the daemon, such as one set by
    /// systemd's `LoadCredential=` or an `EnvironmentFile=`). At most one of them; nil for none.
    /// Errors name the key, the file or the variable, never the value.
    func credential(_ table: TOMLTable, key: String, _ sink: Problem) throws(ConfigError) -> Secret? {
        let given = [key, key + "_file", key + "_env"].filter { table[$0] != nil }
        guard given.count <= 1 else {
            throw sink.error("set one of '\(key)', '\(key)_file' and '\(key)_env', not \(given.map { "'\($0)'" }.joined(separator: " and "))")
        }
        if let value = table[key] {
            guard let text = value.string, !text.isEmpty else { throw sink.error("'\(key)' must be a non-empty string") }
            return try checked(Secret(text), from: "'\(key)'", sink)
        }
        if let value = table[key + "_file"] {
            guard let file = value.string, !file.isEmpty else { throw sink.error("'\(key)_file' must be a path") }
            return try checked(Secret(try secret(fromFile: file, key: key + "_file", sink)), from: "'\(key)_file'", sink)
        }
        if let value = table[key + "_env"] {
            guard let name = value.string, !name.isEmpty else { throw sink.error("'\(key)_env' must be the name of an environment variable") }
            guard let text = environment[name], !text.isEmpty else {
                throw sink.error("'\(key)_env' names the environment variable \(name), which is not set or empty")
            }
            return try checked(Secret(text), from: "$\(name)", sink)
        }
        return nil
    }

    /// A credential travels in a header or a URL: a line break would split the request.
    private func checked(_ secret: Secret, from source: String, _ sink: Problem) throws(ConfigError) -> Secret {
        guard !secret.value.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw sink.error("the credential in \(source) must be one line")
        }
        return secret
    }

    /// The first 64 KiB of a file, without its final line breaks.
    func secret(fromFile file: String, key: String, _ sink: Problem) throws(ConfigError) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let full = file.hasPrefix("/") ? file : ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(file)
        let descriptor = open(full, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw sink.error("cannot read '\(key)' \(full): \(String(cString: strerror(errno)))")
        }
        // Bounded: a device such as /dev/zero named by mistake must not hang the daemon.
        let data = (try? FileHandle(fileDescriptor: descriptor, closeOnDealloc: true).read(upToCount: 65536)) ?? Data()
        var secret = String(decoding: data, as: UTF8.self)
        while secret.last?.isNewline == true { secret.removeLast() }
        guard !secret.isEmpty else { throw sink.error("'\(key)' \(full) is empty") }
        return secret
    }

    /// An `http` or `https` URL with a host.
    func httpURL(_ url: String, key: String, _ sink: Problem) throws(ConfigError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else {
            throw sink.error("'\(key)' must be an http or https URL with a host, not \"\(url)\"")
        }
    }
}
