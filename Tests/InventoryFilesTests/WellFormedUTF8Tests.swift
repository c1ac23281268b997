@testable import InventoryFiles
import Testing

@Suite("Well-formed UTF-8")
struct WellFormedUTF8Tests {
    /// What the standard library keeps without repair is the reference.
    func agrees(_ bytes: [UInt8]) -> Bool {
        let expected = String(validating: bytes, as: UTF8.self) != nil
        return bytes.withUnsafeBufferPointer { WellFormedUTF8.check($0) } == expected
    }

    @Test func everySequenceOfUpToTwoBytesAndEveryLeadWithItsEdgeContinuations() {
        var disagreements: [[UInt8]] = []
        for first in 0...255 as ClosedRange<UInt8> {
            if !agrees([first]) { disagreements.append([first]) }
            for second in 0...255 as ClosedRange<UInt8> where !agrees([first, second]) {
                disagreements.append([first, second])
            }
            // Three- and four-byte forms: every second byte, with continuations at both edges
            // and just outside them, and cut short.
            for second in 0...255 as ClosedRange<UInt8> {
                for rest: UInt8 in [0x7F, 0x80, 0xBF, 0xC0] {
                    for sequence in [[first, second, rest], [first, second, rest, rest], [first, second, 0x80, rest], [0x41, first, second, rest, 0x41]]
                    where !agrees(sequence) {
                        disagreements.append(sequence)
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    @Test func randomTextAgrees() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<100_000 {
            let bytes = (0..<Int.random(in: 1...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(agrees(bytes), "\(bytes)")
        }
    }

    @Test func realTextIsWellFormed() {
        for text in ["Hôpital Sainte-Élise, Göteborg", "Łódź", "東京", "Bệnh viện", "🩻 X-ray"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer { WellFormedUTF8.check($0) })
        }
    }
}
