import RiskModel

/// Every cell of the CSV assessment export that is spelled from a closed set (contract tokens,
/// modality codes, tiers, scores in tenths, finding codes) laid out once as bytes, so that a row
/// copies bytes where it would otherwise build or reference-count a `String` per cell.
struct AssessmentSpellings {
    let spelled: ByteStrings
    /// Where each enumerated column's choices start, by `Column.rawValue` (nil: free-form column).
    let choiceStart: [Int?]
    let modalityStart: Int
    let tierStart: Int
    let tenthsStart: Int
    let tenthsCount: Int
    let separator: Int
    let findingCodes: Finding.Tables<Int>

    static let shared = AssessmentSpellings()

    private init() {
        var strings: [String] = []
        func add(_ more: [String]) -> Int {
            defer { strings += more }
            return strings.count
        }
        choiceStart = Column.allCases.map { column in column.choices.map(add) }
        modalityStart = add(Modality.vectorCodes)
        tierStart = add(Tier.tokens)
        tenthsCount = Policy.maximumPoints * Policy.totalWeight + 1
        tenthsStart = add((0..<tenthsCount).map(formatTenths))
        separator = add([";"])
        var codes: [String: Int] = [:]
        findingCodes = Finding.tables { finding in
            if let known = codes[finding.code] { return known }
            let index = add([finding.code])
            codes[finding.code] = index
            return index
        }
        spelled = ByteStrings(strings)
    }

    func choice(_ column: Column, _ index: Int) -> UnsafeBufferPointer<UInt8> { spelled[choiceStart[column.rawValue]! + index] }
    func modality(_ modality: Modality) -> UnsafeBufferPointer<UInt8> { spelled[modalityStart + modality.rawValue] }
    func tier(_ tier: Tier) -> UnsafeBufferPointer<UInt8> { spelled[tierStart + tier.rawValue] }
    /// A score or contribution as written, if the policy's range holds it.
    func tenths(_ tenths: Int) -> UnsafeBufferPointer<UInt8>? { (0..<tenthsCount).contains(tenths) ? spelled[tenthsStart + tenths] : nil }
    var semicolon: UnsafeBufferPointer<UInt8> { spelled[separator] }
}
