/// Eight bytes looked at as one `UInt64` (byte `i` in bits `8i..<8i+8`): the CSV reader and the
/// token matcher scan and compare a word at a time where they once went byte by byte.
enum ByteWord {
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Bit 7 set in exactly the bytes of `word` that equal `byte` (no false matches: the sum
    /// cannot carry from one byte into the next).
    @inline(__always)
    static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let difference = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return ~(((difference & ~highBits) &+ ~highBits) | difference | ~highBits)
    }
}
