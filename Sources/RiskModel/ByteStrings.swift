/// Short byte strings laid out end to end in memory that is filled once and never changed,
/// addressed by index.
///
/// The exports spell a million rows from tables of these: a copy of a few bytes, where a `String`
/// per cell cost an allocation or a reference count and showed in profiles of a million-row score.
public final class ByteStrings: @unchecked Sendable {
    // Sendable by construction: both buffers are written in `init` only and freed in `deinit`.
    // Visible to the inliner: the exports look up some forty strings a row from another module.
    @usableFromInline let storage: UnsafeMutablePointer<UInt8>
    /// Where each string starts, then where the last one ends.
    @usableFromInline let starts: UnsafeMutablePointer<Int>
    public let count: Int

    public init(_ strings: [String]) {
        count = strings.count
        starts = .allocate(capacity: count + 1)
        let total = strings.reduce(0) { $0 + $1.utf8.count }
        storage = .allocate(capacity: max(total, 1))
        var offset = 0
        for (index, string) in strings.enumerated() {
            starts[index] = offset
            for byte in string.utf8 {
                storage[offset] = byte
                offset += 1
            }
        }
        starts[count] = offset
    }

    deinit {
        storage.deallocate()
        starts.deallocate()
    }

    /// The bytes of string `index`, valid while this table lives.
    @inlinable @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < count, "no such byte string")
        return UnsafeBufferPointer(start: storage + starts[index], count: starts[index + 1] - starts[index])
    }
}

/// The decimal digits of a non-negative number, written into `buffer` from `offset`; returns the
/// offset after them. `buffer` must have room for 20 more bytes.
public func appendDecimal(_ value: Int, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
    precondition(value >= 0, "appendDecimal takes non-negative numbers")
    var digits = 1
    var rest = value / 10
    while rest > 0 {
        digits += 1
        rest /= 10
    }
    precondition(offset + digits <= buffer.count, "no room for \(digits) digits")
    var remaining = value
    for position in stride(from: offset + digits - 1, through: offset, by: -1) {
        buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
        remaining /= 10
    }
    return offset + digits
}
