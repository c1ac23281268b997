import GRDB
import GRDBSQLite

/// Letter case as SQLite's trigram tokenizer folds it: the text filter's meaning since it used a
/// trigram index, kept when it turned to testing every row (migration v9).
///
/// The tokenizer (`case_sensitive 0`, the default) folds each code point on its own, to lower
/// case by SQLite's own table of Unicode's case foldings, and keeps diacritics: `Ö` is `ö`, never
/// `o`. The table is taken from the tokenizer itself, once, by tokenizing every code point that
/// can have a case.
/// Swift's case mappings would not do: they follow a newer Unicode and lower rather than fold
/// (`ς` stays `ς`, where the index makes it `σ`).
enum TrigramFolding {
    /// Every non-ASCII code point the tokenizer folds to another, with what it becomes. Read on the
    /// first need; FTS5 is there wherever an inventory is made (migration v1 makes an FTS5 table),
    /// so the empty fallback, ASCII folding alone, is for a SQLite that could not make one.
    static let foldings: [UInt32: UInt32] = (try? readFromTheTrigramTokenizer()) ?? [:]

    /// Whether some non-ASCII code point folds to the ASCII `byte`, or to its other case (the
    /// Kelvin sign to `k`, so `k` and `K`). Only ASCII text holding one can match a cell in a way
    /// that bytes alone do not show. A mask, not an array: it is asked for row after row of a scan.
    static func isFoldTarget(_ byte: UInt8) -> Bool {
        byte < 0x80 && foldTargets & (1 << UInt128(byte)) != 0
    }

    private static let foldTargets: UInt128 = {
        var targets: UInt128 = 0
        for folded in foldings.values where folded < 0x80 {
            targets |= 1 << UInt128(folded)
            if folded &- 0x61 < 26 { targets |= 1 << UInt128(folded ^ 0x20) }
        }
        return targets
    }()

    static func folded(_ scalar: UInt32) -> UInt32 {
        if scalar < 0x80 { return scalar &- 0x41 < 26 ? scalar | 0x20 : scalar }
        return foldings[scalar] ?? scalar
    }

    static func hasNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 >= 0x80 }
    }

    /// Runs `body` with `text`'s code points folded.
    static func withFolded<T>(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt32>) -> T) -> T {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, text.count)) { buffer in
            body(UnsafeBufferPointer(rebasing: buffer[..<fold(text, into: buffer)]))
        }
    }

    /// Whether the folded code points `text` occur in `cell`, folded alike.
    static func contains(_ text: UnsafeBufferPointer<UInt32>, in cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !text.isEmpty else { return true }
        // An ASCII cell folds to ASCII: it cannot hold a folded code point beyond it.
        if !hasNonASCII(cell), text.contains(where: { $0 >= 0x80 }) { return false }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, cell.count)) { buffer in
            let count = fold(cell, into: buffer)
            guard count >= text.count else { return false }
            return (0...(count - text.count)).contains { start in
                text.indices.allSatisfy { buffer[start + $0] == text[$0] }
            }
        }
    }

    /// Decodes and folds `bytes` into `buffer` (at least as long: a code point takes a byte at
    /// least), returning how many code points it holds. Invalid UTF-8 becomes U+FFFD.
    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt32>) -> Int {
        var count = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): buffer[count] = folded(scalar.value)
            case .error: buffer[count] = 0xFFFD
            case .emptyInput: return count
            }
            count += 1
        }
    }

    /// Asks SQLite's trigram tokenizer what each code point folds to: a token starts at every code
    /// point of the text, and its first character is that code point folded.
    private static func readFromTheTrigramTokenizer() throws -> [UInt32: UInt32] {
        // Unicode's cased letters all lie in its first two planes.
        let scalars = (UInt32(0x80)..<0x2_0000).compactMap(Unicode.Scalar.init)
        var text: [UInt8] = []
        var starts: [Int32] = []
        for scalar in scalars {
            starts.append(Int32(text.count))
            UTF8.encode(scalar) { text.append($0) }
        }
        // Two more characters, so that the last code points start trigrams of their own.
        text.append(contentsOf: "xx".utf8)
        let collector = Collector(scalars: scalars, starts: starts)
        let code = try DatabaseQueue().inDatabase { db in
            let tokenizer = try db.makeTokenizer(FTS5TokenizerDescriptor(components: ["trigram", "case_sensitive", "0"]))
            return text.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { characters in
                    tokenizer.tokenize(
                        context: Unmanaged.passUnretained(collector).toOpaque(), tokenization: .document,
                        pText: characters.baseAddress, nText: CInt(characters.count)
                    ) { context, _, token, length, start, _ in
                        let collector = Unmanaged<Collector>.fromOpaque(context!).takeUnretainedValue()
                        let bytes = UnsafeRawBufferPointer(start: token, count: Int(length)).bindMemory(to: UInt8.self)
                        collector.found(start: start, token: bytes)
                        return SQLITE_OK
                    }
                }
            }
        }
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot tokenize") }
        return collector.foldings
    }

    /// Pairs each token with the code point it starts at; tokens come in the order of the text.
    private final class Collector {
        private let scalars: [Unicode.Scalar]
        private let starts: [Int32]
        private var next = 0
        var foldings: [UInt32: UInt32] = [:]

        init(scalars: [Unicode.Scalar], starts: [Int32]) {
            self.scalars = scalars
            self.starts = starts
        }

        func found(start: Int32, token: UnsafeBufferPointer<UInt8>) {
            while next < starts.count, starts[next] < start { next += 1 }
            var iterator = token.makeIterator()
            var decoder = UTF8()
            guard next < starts.count, starts[next] == start, case .scalarValue(let first) = decoder.decode(&iterator),
                  first != scalars[next]
            else { return }
            foldings[scalars[next].value] = first.value
        }
    }
}
