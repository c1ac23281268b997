/// Whether bytes are well-formed UTF-8 (The Unicode Standard, table 3-7): exactly the bytes that
/// `String(decoding:as:)` keeps as they are, without repair.
///
/// Free text that is only written out again, as a score run's is, is checked this way: making a
/// `String` of a non-ASCII cell just to compare its bytes with the cell's was the largest cost
/// left of such a cell, and most place names in an inventory are not ASCII.
enum WellFormedUTF8 {
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The lead byte decides the length and the range of the byte after it; the bytes
            // after that are any continuation byte. (Ranges exclude overlong forms, surrogates
            // and values past U+10FFFF.)
            let length: Int
            let second: ClosedRange<UInt8>
            switch lead {
            case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
            case 0xE0: (length, second) = (3, 0xA0...0xBF)
            case 0xED: (length, second) = (3, 0x80...0x9F)
            case 0xE1...0xEF: (length, second) = (3, 0x80...0xBF)
            case 0xF0: (length, second) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
            case 0xF4: (length, second) = (4, 0x80...0x8F)
            default: return false
            }
            guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return false }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}
