/// SipHash-2-4 with its 128-bit output (Aumasson and Bernstein, 2012; the reference is
/// github.com/veorq/SipHash), keyed per process.
///
/// Hand-written because nothing below `Inventory` may depend on a crypto library, and the standard
/// `Hasher` gives 64 bits only: too few to stand for a million ids without a real chance of two
/// sharing a digest. With a secret random key, nobody can craft ids whose digests collide.
struct SipHash128 {
    private let key0: UInt64
    private let key1: UInt64

    init(key0: UInt64, key1: UInt64) {
        self.key0 = key0
        self.key1 = key1
    }

    /// A key drawn from the system's random source.
    static func randomlyKeyed() -> SipHash128 {
        var generator = SystemRandomNumberGenerator()
        return SipHash128(key0: generator.next(), key1: generator.next())
    }

    /// The tag as two words: the first eight output bytes read little-endian, then the next eight.
    func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var state = State(
            v0: 0x736f_6d65_7073_6575 ^ key0, v1: 0x646f_7261_6e64_6f6d ^ key1 ^ 0xee,
            v2: 0x6c79_6765_6e65_7261 ^ key0, v3: 0x7465_6462_7974_6573 ^ key1)
        let wholeWords = bytes.count / 8
        for index in 0..<wholeWords { state.absorb(littleEndianWord(bytes, from: index * 8, count: 8)) }
        let tail = littleEndianWord(bytes, from: wholeWords * 8, count: bytes.count % 8)
        state.absorb(tail | UInt64(truncatingIfNeeded: bytes.count) << 56)
        state.v2 ^= 0xee
        for _ in 0..<4 { state.round() }
        let first = state.v0 ^ state.v1 ^ state.v2 ^ state.v3
        state.v1 ^= 0xdd
        for _ in 0..<4 { state.round() }
        return (first, state.v0 ^ state.v1 ^ state.v2 ^ state.v3)
    }

    private func littleEndianWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> UInt64 {
        var word: UInt64 = 0
        for offset in 0..<count { word |= UInt64(bytes[start + offset]) << UInt64(offset * 8) }
        return word
    }

    private struct State {
        var v0, v1, v2, v3: UInt64

        mutating func absorb(_ word: UInt64) {
            v3 ^= word
            round()
            round()
            v0 ^= word
        }

        mutating func round() {
            v0 &+= v1; v1 = v1.rotatedLeft(13); v1 ^= v0; v0 = v0.rotatedLeft(32)
            v2 &+= v3; v3 = v3.rotatedLeft(16); v3 ^= v2
            v0 &+= v3; v3 = v3.rotatedLeft(21); v3 ^= v0
            v2 &+= v1; v1 = v1.rotatedLeft(17); v1 ^= v2; v2 = v2.rotatedLeft(32)
        }
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(_ count: UInt64) -> UInt64 { self << count | self >> (64 - count) }
}
