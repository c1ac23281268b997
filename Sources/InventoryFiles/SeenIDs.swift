import Synchronization

/// The ids of a file read so far, with the line each was first seen on, for duplicate detection.
///
/// A `[String: Int]` of a million ids took some 50 MB, and twice that while it grew; a score run
/// must stay under 60 MB in all. Each id is kept instead as 96 bits of its keyed SipHash digest
/// and a 32-bit line, 16 bytes, in 256 small open-addressing tables that grow one at a time.
///
/// Two different ids share 96 digest bits with probability about n²/2⁹⁷: 6·10⁻¹⁸ for a million
/// ids, 6·10⁻¹⁴ for a hundred million. The key is random per run, so no file can be made to
/// collide on purpose.
struct SeenIDs {
    /// Digests ids for this set; other threads may digest with it too (`firstLine(of:recordingLine:)`).
    let hash = SipHash128.randomlyKeyed()
    private var tables = [DigestTable](repeating: DigestTable(), count: 256)
    /// Lines past what 32 bits hold; a file needs four billion lines to put anything here.
    private var distantLines: [DigestTable.Key: Int] = [:]

    /// Records `id` as first seen on `line` and returns nil, or returns the line it was first seen on.
    mutating func firstLine(of id: String, recordingLine line: Int) -> Int? {
        firstLine(of: Self.key(of: id, hash: hash), recordingLine: line)
    }

    /// The form in which an id is kept: the table is chosen by the top byte of `first`, the slot
    /// by its low bits, and both are still compared as part of the key.
    static func key(of id: String, hash: SipHash128) -> DigestTable.Key {
        var id = id
        let (first, second) = id.withUTF8 { hash.digest($0) }
        return DigestTable.Key(first: first, second: second & 0xFFFF_FFFF_0000_0000)
    }

    /// Makes room for about `idCount` ids in all, so that the tables need not grow while they
    /// come: growing moves every id again, and leaves each table up to a third larger than it
    /// needs. Room is left for tables that get more than their share, by four standard deviations.
    mutating func reserve(_ idCount: Int) {
        let share = Double(idCount) / Double(tables.count)
        let perTable = Int((share + 4 * share.squareRoot()).rounded(.up))
        for index in tables.indices { tables[index].reserve(perTable) }
    }

    /// Reads the slots where `keys` will be looked for, all at once, before they are checked one
    /// by one: each key's slot is far from the last one's, and a check that finds it out of the
    /// cache waits for memory. Read together, the keys' slots come from memory side by side.
    func warm(_ keys: some Sequence<DigestTable.Key>) {
        var read: UInt64 = 0
        for key in keys { read ^= tables[Int(key.first >> 56)].homeWord(of: key) }
        // Stored where the optimiser cannot drop it, so that the reads are not dropped either.
        Self.warmed.store(read, ordering: .relaxed)
    }

    private static let warmed = Atomic<UInt64>(0)

    /// As `firstLine(of:recordingLine:)`, for an id already turned into its key with `hash`.
    mutating func firstLine(of key: DigestTable.Key, recordingLine line: Int) -> Int? {
        let storedLine = line < DigestTable.distantLine ? UInt32(line) : DigestTable.distantLine
        guard let seenLine = tables[Int(key.first >> 56)].insert(key, line: storedLine) else {
            if storedLine == DigestTable.distantLine { distantLines[key] = line }
            return nil
        }
        return seenLine == DigestTable.distantLine ? distantLines[key] : Int(seenLine)
    }
}

/// Linear probing over 16-byte slots: the key's two words, the low 32 bits of the second holding the line.
struct DigestTable {
    /// Two plain words rather than `SIMD2`, whose generic `==` showed in profiles.
    struct Key: Hashable, Sendable {
        var first: UInt64
        var second: UInt64
        var isEmpty: Bool { first == 0 && second == 0 }
    }

    /// Marks a line kept outside the table; line 0 marks an empty slot (line 1 is the header).
    static let distantLine = UInt32.max

    private var slots: [Key] = []
    private var count = 0

    /// Inserts `key` and returns nil, or returns the line stored with it if it is already there.
    mutating func insert(_ key: Key, line: UInt32) -> UInt32? {
        if !holds(count + 1) { grow() }
        var index = slot(of: key)
        while true {
            let stored = slots[index]
            if stored.isEmpty {
                slots[index] = Key(first: key.first, second: key.second | UInt64(line))
                count += 1
                return nil
            }
            if stored.first == key.first, stored.second & 0xFFFF_FFFF_0000_0000 == key.second {
                return UInt32(truncatingIfNeeded: stored.second)
            }
            index = index + 1 == slots.count ? 0 : index + 1
        }
    }

    /// The home slot, from the low 32 bits of the first word scaled to the table's size.
    /// (In Swift `>>` binds tighter than `&*`: without the inner parentheses every key's home
    /// was slot 0 and each insert probed the whole table.)
    func slot(of key: Key) -> Int {
        Int(((key.first & 0xFFFF_FFFF) &* UInt64(slots.count)) >> 32)
    }

    /// The first word of the key's home slot (`SeenIDs.warm`).
    func homeWord(of key: Key) -> UInt64 { slots.isEmpty ? 0 : slots[slot(of: key)].first }

    /// How many slots the table has now.
    var capacity: Int { slots.count }

    /// At most 70% full: linear probing past that spent more time probing than the memory saved.
    private func holds(_ keyCount: Int) -> Bool { keyCount * 10 <= slots.count * 7 }

    /// Makes room for `keyCount` keys in all.
    mutating func reserve(_ keyCount: Int) {
        guard !holds(keyCount) else { return }
        rehash(capacity: (keyCount * 10 + 6) / 7)
    }

    /// Grows by half, so that the last growth leaves little unused.
    private mutating func grow() { rehash(capacity: max(16, slots.count + slots.count / 2)) }

    private mutating func rehash(capacity: Int) {
        let old = slots
        slots = [Key](repeating: Key(first: 0, second: 0), count: capacity)
        for stored in old where !stored.isEmpty {
            var index = slot(of: stored)
            while !slots[index].isEmpty { index = index + 1 == slots.count ? 0 : index + 1 }
            slots[index] = stored
        }
    }
}
