import RiskModel

/// Matches contract tokens straight from cell bytes, without making a `String` per cell: import
/// and score read fourteen enumerated cells a row, a million rows a run.
enum TokenMatcher {
    /// The level a cell names; an empty cell means `unknown` where the level set has one.
    static func level<L: FactorLevel>(_: L.Type, _ cell: UnsafeBufferPointer<UInt8>, in table: TokenTable) -> L? {
        let trimmed = UnsafeBufferPointer(rebasing: trim(cell))
        guard let index = trimmed.isEmpty ? table.unknownIndex : table.index(of: trimmed) else { return nil }
        return L(rawValue: index)
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

    static func trim<Cell: BidirectionalCollection<UInt8>>(_ cell: Cell) -> Cell.SubSequence {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = cell.firstIndex(where: { !isSpace($0) }) else { return cell[cell.endIndex...] }
        var end = cell.endIndex
        while end > first, isSpace(cell[cell.index(end, offsetBy: -1)]) { end = cell.index(end, offsetBy: -1) }
        return cell[first..<end]
    }

    @inline(__always)
    static func normalise(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
        case UInt8(ascii: "-"), UInt8(ascii: " "): UInt8(ascii: "_")
        default: byte
        }
    }
}

/// The tokens of one level set, each packed with its length into 32 bytes, so that matching a cell
/// is a few word comparisons: matching token strings byte by byte took a sixth of a score run.
struct TokenTable: Sendable {
    private let packed: [PackedToken]
    let unknownIndex: Int?

    init(_ tokens: [String]) {
        packed = tokens.map { token in
            Array(token.utf8).withUnsafeBufferPointer { TokenTable.pack($0, normalising: false) } ?? PackedToken()
        }
        unknownIndex = tokens.firstIndex(of: "unknown")
    }

    /// The index of the token `cell` (already trimmed) names.
    func index(of cell: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let key = TokenTable.pack(cell, normalising: true) else { return nil }
        return packed.firstIndex(of: key)
    }

    /// The table of every enumerated column, by `Column.rawValue`; nil for free-form columns.
    static let byColumn: [TokenTable?] = Column.allCases.map { $0.choices.map(TokenTable.init) }
    static let modality = TokenTable(Modality.tokens)

    /// Up to 31 bytes, then the length in the last byte; nil for anything longer, which no token is.
    private static func pack(_ bytes: UnsafeBufferPointer<UInt8>, normalising: Bool) -> PackedToken? {
        guard bytes.count < 32 else { return nil }
        var token = PackedToken(bytes)
        if normalising {
            // Words past the cell's bytes are zero, which normalising leaves as they are.
            token.words.0 = normalise(token.words.0)
            if bytes.count > 8 { token.words.1 = normalise(token.words.1) }
            if bytes.count > 16 { token.words.2 = normalise(token.words.2) }
            if bytes.count > 24 { token.words.3 = normalise(token.words.3) }
        }
        token.words.3 |= UInt64(bytes.count) << 56
        return token
    }

    /// `TokenMatcher.normalise` of eight bytes at once: `A`-`Z` to lower case, `-` and space to
    /// `_`. Byte by byte, packing took 6% of the reading core's time in a million-row score.
    @inline(__always)
    static func normalise(_ word: UInt64) -> UInt64 {
        let high = ByteWord.highBits
        let low7 = word & ~high
        // Bit 7 of each byte: set where the byte is at least `A`, then where it is past `Z`
        // (seven-bit values plus at most 0x3F cannot carry into the next byte).
        let atLeastA = low7 &+ 0x3F3F_3F3F_3F3F_3F3F
        let pastZ = low7 &+ 0x2525_2525_2525_2525
        let upper = atLeastA & ~pastZ & ~word & high
        var result = word | (upper >> 2)
        result ^= (ByteWord.bytes(of: result, equalTo: 0x2D) >> 7) &* (0x2D ^ 0x5F)
        result ^= (ByteWord.bytes(of: result, equalTo: 0x20) >> 7) &* (0x20 ^ 0x5F)
        return result
    }
}

/// Four words compared field by field: `SIMD4`'s generic `==` was slower than the matching it served.
/// Byte `i` of a token is byte `i % 8` (from the least significant) of word `i / 8`.
private struct PackedToken: Equatable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    /// At most 32 bytes, the rest zero.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(bytes.count <= 32, "a packed token holds at most 32 bytes")
        guard let base = bytes.baseAddress else { return }
        // Whole words are loaded at once, and the tail as the last eight bytes shifted down: a
        // byte at a time, or through `memmove`, took 4-5% of a million-row score; this takes 1.6%.
        let raw = UnsafeRawPointer(base)
        let wholeWords = bytes.count / 8
        for index in 0..<wholeWords {
            setWord(index, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        }
        let tail = bytes.count % 8
        guard tail > 0 else { return }
        if wholeWords > 0 {
            let lastEight = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
            setWord(wholeWords, lastEight >> UInt64((8 - tail) * 8))
        } else {
            var word: UInt64 = 0
            for offset in 0..<tail { word |= UInt64(base[offset]) << UInt64(offset * 8) }
            setWord(0, word)
        }
    }

    private mutating func setWord(_ index: Int, _ word: UInt64) {
        switch index {
        case 0: words.0 = word
        case 1: words.1 = word
        case 2: words.2 = word
        default: words.3 = word
        }
    }

    static func == (lhs: PackedToken, rhs: PackedToken) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }
}
