/// One deployed imaging-AI system: one product, at one site (one row of the inventory contract).
public struct ImagingSystem: Hashable, Sendable {
    public var id: SystemID
    public var name: String
    public var vendor: String
    public var productVersion: String
    public var modalities: ModalitySet
    public var clinicalUse: String
    public var site: String
    public var owner: String
    public var regulatoryStatus: RegulatoryStatus
    public var profile: RiskProfile
    public var lastReviewed: CalendarDate?
    public var notes: String

    /// In characters as `characterCount` counts them.
    public static let maximumNameLength = 200
    public static let maximumNotesLength = 10_000

    /// How many characters `text` has, for the length limits: Unicode code points, as SQLite's
    /// `length()` counts them in the schema's CHECKs. Counting what a reader sees as one character
    /// (a grapheme cluster, such as `e` with a combining accent) let through text the database then refused.
    public static func characterCount(_ text: String) -> Int { text.unicodeScalars.count }

    public init(
        id: SystemID, name: String, vendor: String = "", productVersion: String = "",
        modalities: ModalitySet = [], clinicalUse: String = "", site: String = "", owner: String = "",
        regulatoryStatus: RegulatoryStatus = .unknown, profile: RiskProfile = .allUnknown,
        lastReviewed: CalendarDate? = nil, notes: String = ""
    ) {
        self.id = id
        self.name = name
        self.vendor = vendor
        self.productVersion = productVersion
        self.modalities = modalities
        self.clinicalUse = clinicalUse
        self.site = site
        self.owner = owner
        self.regulatoryStatus = regulatoryStatus
        self.profile = profile
        self.lastReviewed = lastReviewed
        self.notes = notes
    }
}

/// A system's stable key: 1-64 characters of `A-Z a-z 0-9 . _ -`.
public struct SystemID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public static let maximumLength = 64
    public static let allowedDescription = "1-64 characters of A-Z a-z 0-9 . _ -"

    public init?(_ text: some StringProtocol) {
        guard Self.isValid(text.utf8) else { return nil }
        rawValue = String(text)
    }

    /// From a cell's bytes, without making a string of a cell that is refused.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard Self.isValid(bytes) else { return nil }
        rawValue = String(decoding: bytes, as: UTF8.self)
    }

    private static func isValid(_ utf8: some Collection<UInt8>) -> Bool {
        !utf8.isEmpty && utf8.count <= maximumLength && utf8.allSatisfy { isAllowed($0) }
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    public var description: String { rawValue }
    public static func < (lhs: SystemID, rhs: SystemID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// DICOM modality codes the contract allows.
public enum Modality: Int, FactorLevel {
    case cr, dx, ct, mr, mg, us, nm, pt, xa, rf, ot
    public static let tokens = ["cr", "dx", "ct", "mr", "mg", "us", "nm", "pt", "xa", "rf", "ot"]
    public static let vectorCodes = ["CR", "DX", "CT", "MR", "MG", "US", "NM", "PT", "XA", "RF", "OT"]
    public var code: String { vectorCode }
}

/// A set of modalities, written in the contract's order joined by `;` (e.g. `CR;DX`).
public struct ModalitySet: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ modality: Modality) { rawValue = 1 << UInt16(modality.rawValue) }

    public var members: [Modality] { Modality.allCases.filter { contains(ModalitySet($0)) } }
    public var token: String { members.map(\.code).joined(separator: ";") }
}

/// A calendar date (`YYYY-MM-DD`) with no time zone: review dates are days, not instants.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The last day the calendar holds: checked against it as "today", no review date is in the future.
    public static let latest = CalendarDate(year: 9999, month: 12, day: 31)!

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) { self.init(isoBytes: Array(text.utf8)) }

    /// Parses exactly `YYYY-MM-DD` from bytes.
    public init?<Bytes: Collection<UInt8>>(isoBytes bytes: Bytes) where Bytes.Index == Int {
        guard bytes.count == 10 else { return nil }
        let base = bytes.startIndex
        guard bytes[base + 4] == UInt8(ascii: "-"), bytes[base + 7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[(base + range.lowerBound)..<(base + range.upperBound)] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String { withISOBytes { String(decoding: $0, as: UTF8.self) } }

    /// `YYYY-MM-DD` as bytes on the stack, valid only inside `body`: the exports write a date a row.
    public func withISOBytes<Result, Failure: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result) throws(Failure) -> Result {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { (buffer) throws(Failure) in
            func put(_ value: Int, at offset: Int, width: Int) {
                var value = value
                for position in (offset..<offset + width).reversed() {
                    buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, at: 0, width: 4)
            buffer[4] = UInt8(ascii: "-")
            put(month, at: 5, width: 2)
            buffer[7] = UInt8(ascii: "-")
            put(day, at: 8, width: 2)
            return try body(UnsafeBufferPointer(buffer))
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
