import ArgumentParser

/// A verb that is not one: `feedwatch feeds list`, `feedwatch feed lst`.
///
/// swift-argument-parser reads an unknown verb as an argument of the command above it and then
/// complains about the options after it ("Unknown option '--config'"). This looks at the words
/// before the parser does and names the verb that was meant instead.
enum UnknownVerb {
    /// The one-line message for the first word of `arguments` that should name a subcommand of
    /// `root` (or of a subcommand on the way) and names none; nil when every verb is known.
    static func message(root: any ParsableCommand.Type, arguments: [String]) -> String? {
        var command = root
        var path = [root._commandName]
        var rest = arguments[...]
        while let word = rest.first {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            // Options of a command group (--help, --version) come before its verb.
            if word.hasPrefix("-") { return nil }
            if let next = subcommands.first(where: { names(of: $0).contains(word) }) {
                command = next
                path.append(next._commandName)
                rest = rest.dropFirst()
                continue
            }
            if word == "help" { return nil }  // swift-argument-parser's own `help` verb
            let here = path.joined(separator: " ")
            let verbs = subcommands.map { $0._commandName }
            let guesses = closest(to: word, among: verbs)
            guard !guesses.isEmpty else {
                return "unknown command '\(word)' for `\(here)` (one of: \(verbs.joined(separator: ", ")))"
            }
            // `feeds list`: the next word may be a verb of a guess; that guess is the one meant,
            // and the word belongs in the suggestion.
            let following = rest.dropFirst().first
            let taking = guesses.first { guess in
                guard let following, let meant = subcommands.first(where: { $0._commandName == guess }) else { return false }
                return meant.configuration.subcommands.contains { names(of: $0).contains(following) }
            }
            var suggestion = path + [taking ?? guesses[0]]
            if taking != nil, let following { suggestion.append(following) }
            return "unknown command '\(word)' for `\(here)`: did you mean `\(suggestion.joined(separator: " "))`?"
        }
        return nil
    }

    /// The verbs of `arguments` that name commands, from the root: `["feedwatch", "feed", "add"]`.
    static func knownPath(root: any ParsableCommand.Type, arguments: [String]) -> [String] {
        var command = root
        var path = [root._commandName]
        for word in arguments {
            guard let next = command.configuration.subcommands.first(where: { names(of: $0).contains(word) }) else { break }
            command = next
            path.append(next._commandName)
        }
        return path
    }

    private static func names(of command: any ParsableCommand.Type) -> [String] {
        [command._commandName] + command.configuration.aliases
    }

    /// The verbs a typo most likely meant, best first: a plural, a prefix, or the fewest edits
    /// away (at most two, one for short verbs). Empty when nothing is close.
    static func closest(to word: String, among verbs: [String]) -> [String] {
        let lowered = word.lowercased()
        let plurals = verbs.filter { lowered == $0 + "s" || $0 == lowered + "s" }
        if !plurals.isEmpty { return plurals }
        let prefixed = lowered.count >= 2 ? verbs.filter { $0.hasPrefix(lowered) } : []
        if !prefixed.isEmpty { return prefixed }
        let scored = verbs.map { ($0, distance(Array(lowered), Array($0))) }.filter { $0.1 <= min(2, max(1, $0.0.count / 3)) }
        guard let best = scored.map({ $0.1 }).min() else { return [] }
        return scored.filter { $0.1 == best }.map { $0.0 }
    }

    /// Levenshtein distance, with adjacent transpositions counted as one edit.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}
