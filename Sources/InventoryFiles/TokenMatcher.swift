import RiskModel

/// Matches contract tokens straight from cell bytes, without making a `String` per cell: import
/// and score read fourteen enumerated cells a row, a million rows a run.
enum TokenMatcher {
    /// The level a cell names; an empty cell means `unknown` where the level set has one.
    static func level<L: FactorLevel>(_: L.Type, _ cell: UnsafeBufferPointer<UInt8>) -> L? {
        let trimmed = trim(cell)
        if trimmed.isEmpty { return L(token: "unknown") }
        for (index, token) in L.tokens.enumerated() where matches(trimmed, token) {
            return L(rawValue: index)
        }
        return nil
    }

    /// Compares case-insensitively, `-` and space counting as `_`, surrounding spaces ignored.
    static func matches(_ cell: some BidirectionalCollection<UInt8>, _ token: String) -> Bool {
        var utf8 = token.utf8.makeIterator()
        for byte in trim(cell) {
            guard let expected = utf8.next(), normalise(byte) == expected else { return false }
        }
        return utf8.next() == nil
    }

    static func isBlank(_ cell: UnsafeBufferPointer<UInt8>) -> Bool { trim(cell).isEmpty }

    /// Digits only (surrounding spaces allowed), at most `maximum`.
    static func wholeNumber(_ cell: UnsafeBufferPointer<UInt8>, maximum: Int) -> Int? {
        let trimmed = trim(cell)
        guard !trimmed.isEmpty else { return nil }
        var value = 0
        for byte in trimmed {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            guard value <= maximum else { return nil }
        }
        return value
    }

    private static func trim<Cell: BidirectionalCollection<UInt8>>(_ cell: Cell) -> Cell.SubSequence {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = cell.firstIndex(where: { !isSpace($0) }) else { return cell[cell.endIndex...] }
        var end = cell.endIndex
        while end > first, isSpace(cell[cell.index(end, offsetBy: -1)]) { end = cell.index(end, offsetBy: -1) }
        return cell[first..<end]
    }

    @inline(__always)
    private static func normalise(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
        case UInt8(ascii: "-"), UInt8(ascii: " "): UInt8(ascii: "_")
        default: byte
        }
    }
}
