import TerminalUI

/// Where the list's filter text shows in a cell as drawn, so that the hits can be painted in the
/// theme's `search_match` style: case-insensitive, as the filter itself matches.
enum FilterHits {
    /// Each hit in `shown` (display-safe text, as `TextWidth.truncate` returns it): the display
    /// column it starts at and the characters it covers.
    static func hits(of filter: String, in shown: String) -> [(column: Int, text: String)] {
        let wanted = filter.map { $0.lowercased() }
        let characters = Array(shown)
        guard !wanted.isEmpty, wanted.count <= characters.count else { return [] }
        var hits: [(column: Int, text: String)] = []
        var index = 0
        while index + wanted.count <= characters.count {
            let candidate = characters[index..<(index + wanted.count)]
            guard zip(candidate, wanted).allSatisfy({ $0.lowercased() == $1 }) else {
                index += 1
                continue
            }
            hits.append((TextWidth.of(String(characters[..<index])), String(candidate)))
            index += wanted.count
        }
        return hits
    }
}
