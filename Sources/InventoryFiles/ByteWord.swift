/// Eight bytes looked at as one `UInt64` (byte `i` in bits `8i..<8i+8`): the CSV reader and
/// writer and the token matcher scan and compare a word at a time where they once went byte by
/// byte, and so does the dashboard's text filter.
public enum ByteWord {
    @usableFromInline static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Bit 7 set in exactly the bytes of `word` that equal `byte` (no false matches: the sum
    /// cannot carry from one byte into the next).
    @inlinable @inline(__always)
    public static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let difference = word ^ repeated(byte)
        return ~(((difference & ~highBits) &+ ~highBits) | difference | ~highBits)
    }

    /// `byte` in each of the eight bytes.
    @inlinable @inline(__always)
    public static func repeated(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

    /// The position of the first byte in `bytes[start..<end]` that is one of the four given (repeat
    /// one to look for fewer), or `end`. Eight bytes at a time while eight remain: CSV fields run
    /// to dozens of bytes, and scanning them a byte at a time took 15% of the reading core's time
    /// in a million-row score (12% now).
    @inlinable @inline(__always)
    public static func firstIndex(
        of first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8,
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int
    ) -> Int {
        guard let base = bytes.baseAddress else { return end }
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let found = Self.bytes(of: word, equalTo: first) | Self.bytes(of: word, equalTo: second)
                | Self.bytes(of: word, equalTo: third) | Self.bytes(of: word, equalTo: fourth)
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < end, bytes[index] != first, bytes[index] != second, bytes[index] != third, bytes[index] != fourth { index += 1 }
        return index
    }
}
