import InventoryFiles
import RiskModel
import Testing

let today = CalendarDate(year: 2026, month: 11, day: 25)!
let fullHeader = Column.headers.joined(separator: ",")
let validRow = "NHP-1,Lung Nodule AI,Acme,2.1,CT;PT,nodule detection,General,Dr A,fda_cleared,on_premises,none,no,full,tls12_plus,30,not_applicable,scores,checksums,not_applicable,rbac,opt_out,0,2025-01-31,fine"

struct Decoded {
    var systems: [ImagingSystem] = []
    var log = CSVIssueLog()
    var errors: [CSVIssue] { log.kept.filter { $0.severity == .error } }
    var warnings: [CSVIssue] { log.kept.filter { $0.severity == .warning } }
}

func decode(_ text: String, file: String = "in.csv") throws -> Decoded {
    var result = Decoded()
    result.log = try InventoryReading.read(MemoryByteSource(text), file: file, today: today) { system, _ in result.systems.append(system) }
    return result
}

/// A valid row with one column replaced.
func row(with column: Column, _ value: String) -> String {
    var cells = validRow.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    cells[column.rawValue] = value
    return cells.joined(separator: ",")
}

@Suite("Inventory contract decoding")
struct InventoryDecoderTests {
    @Test func decodesEveryColumnIntoTypedValues() throws {
        let result = try decode("\(fullHeader)\n\(validRow)\n")
        #expect(result.errors.isEmpty)
        let system = try #require(result.systems.first)
        #expect(system.id.rawValue == "NHP-1")
        #expect(system.modalities.members == [.ct, .pt])
        #expect(system.regulatoryStatus == .fdaCleared)
        #expect(system.profile.retention == .days(30))
        #expect(system.profile.breaches == .count(0))
        #expect(system.lastReviewed == CalendarDate(year: 2025, month: 1, day: 31))
        #expect(system.profile.encryptionInTransit == .tls12Plus)
        for column in Column.allCases {
            let expected = validRow.split(separator: ",", omittingEmptySubsequences: false)[column.rawValue]
            #expect(FieldCodec.text(of: column, in: system) == (column == .modality ? "CT;PT" : String(expected)))
        }
    }

    @Test func tokensAndHeadersMatchLooselyAsTheContractAllows() throws {
        let header = " ID ,Name,Data-Locality,vendor sharing,RETENTION_DAYS,modality"
        let result = try decode("\(header)\nx1,X, Vendor Cloud-Cross Border ,IDENTIFIABLE,Indefinite,ct; mr\n")
        let system = try #require(result.systems.first)
        #expect(system.profile.dataLocality == .vendorCloudCrossBorder)
        #expect(system.profile.vendorSharing == .identifiable)
        #expect(system.profile.retention == .indefinite)
        #expect(system.modalities.members == [.ct, .mr])
    }

    @Test func missingColumnsAndEmptyCellsMeanUnknown() throws {
        let result = try decode("id,name,data_locality,breaches_3y\na,A,,\n")
        let system = try #require(result.systems.first)
        #expect(system.profile == .allUnknown)
        #expect(system.lastReviewed == nil)
    }

    @Test func anUnknownColumnIsAWarningAndDerivedColumnsAreIgnored() throws {
        let result = try decode("id,name,colour,risk_score,findings\na,A,blue,99.9,X\n")
        #expect(result.systems.count == 1)
        #expect(result.errors.isEmpty)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.description.hasPrefix("in.csv:1:3: warning: unknown column 'colour'") == true)
    }

    @Test(arguments: [
        (Column.id, "has space", "id 'has space' is not allowed; allowed: 1-64 characters of A-Z a-z 0-9 . _ -"),
        (.id, String(repeating: "x", count: 65), "is not allowed"),
        (.name, "", "name '' is empty"),
        (.name, String(repeating: "n", count: 201), "is 201 characters long"),
        (.vendor, "bad\u{7}bell", "contains the control character \\u{7}"),
        (.modality, "CT;XR", "has 'XR', not a DICOM modality code"),
        (.regulatoryStatus, "approved", "regulatory_status 'approved' is not allowed; allowed: fda_and_ce, fda_cleared"),
        (.dataLocality, "cloud", "allowed: on_premises, private_cloud, vendor_cloud_domestic, vendor_cloud_cross_border, unknown"),
        (.vendorSharing, "some", "vendor_sharing 'some' is not allowed"),
        (.vendorTrainingUse, "maybe", "vendor_training_use 'maybe'"),
        (.encryptionAtRest, "aes", "encryption_at_rest 'aes'"),
        (.encryptionInTransit, "tls13", "encryption_in_transit 'tls13'"),
        (.retentionDays, "-5", "retention_days '-5' is not allowed; allowed: a whole number 0-36500, indefinite, or unknown"),
        (.retentionDays, "36501", "retention_days '36501'"),
        (.retentionDays, "forever", "retention_days 'forever'"),
        (.retentionDays, "1.5", "retention_days '1.5'"),
        (.unlearning, "yes", "unlearning 'yes'"),
        (.outputExposure, "video", "output_exposure 'video'"),
        (.imageIntegrity, "hash", "image_integrity 'hash'"),
        (.deidentification, "partial", "deidentification 'partial'"),
        (.accessControl, "passwords", "access_control 'passwords'"),
        (.patientConsent, "implied", "patient_consent 'implied'"),
        (.breaches3y, "1001", "breaches_3y '1001' is not allowed; allowed: a whole number 0-1000, or unknown"),
        (.breaches3y, "many", "breaches_3y 'many'"),
        (.lastReviewed, "2025-02-30", "last_reviewed '2025-02-30' is not a real calendar date"),
        (.lastReviewed, "31/01/2025", "is not a real calendar date"),
        (.lastReviewed, "2031-01-01", "is in the future (today is 2026-11-25)"),
        (.notes, String(repeating: "n", count: 10_001), "is 10001 characters long"),
        (.notes, "esc\u{1B}[31m", "contains the control character \\u{1B}"),
    ])
    func everyBadValueIsReportedWithLineColumnValueAndWhatIsAllowed(column: Column, value: String, message: String) throws {
        let result = try decode("\(fullHeader)\n\(validRow.replacing("NHP-1", with: "NHP-0"))\n\(row(with: column, value))\n")
        #expect(result.systems.count == 1)
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.line == 3)
        #expect(error.columnNumber == column.rawValue + 1)
        #expect(error.columnName == column.header)
        #expect(error.description.contains(message), "\(error)")
        #expect(error.description.hasPrefix("in.csv:3:\(column.rawValue + 1): error: "))
    }

    @Test(arguments: [(" ", [Modality]()), ("CT; ;MR", [.ct, .mr]), ("\t;ct;;CT; ", [.ct]), ("", [])])
    func blankModalityPiecesAreIgnoredLikeEmptyOnes(cell: String, modalities: [Modality]) throws {
        let result = try decode("id,name,modality\nA1,a,\(cell)\n")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.systems.first?.modalities.members == modalities)
    }

    @Test func notesMayHoldLineBreaksAndTabs() throws {
        let result = try decode("id,name,notes\na,A,\"one\n\ttwo\"\n")
        #expect(result.systems.first?.notes == "one\n\ttwo")
    }

    @Test func invalidUTF8IsRefusedNotReplaced() throws {
        var bytes = Array("id,name\na,".utf8)
        bytes += [0xC3, 0x28]
        var log = CSVIssueLog()
        log = try InventoryReading.read(MemoryByteSource(bytes), file: "in.csv", today: today) { _, _ in }
        #expect(log.kept.first?.message.contains("is not valid UTF-8") == true)
    }

    @Test func aDuplicateIDNamesTheFirstLine() throws {
        let result = try decode("id,name\na,A\nb,B\na,Again\n")
        #expect(result.systems.count == 2)
        #expect(result.errors.first?.description == "in.csv:4:1: error: id 'a' is used again (first on line 2); ids must be unique")
    }

    @Test(arguments: [
        ("A1,a,cloud", "A1,b,on_premises", [
            "in.csv:2:3: error: data_locality 'cloud' is not allowed", "in.csv:3:1: error: id 'A1' is used again (first on line 2)",
        ], [String]()),
        ("A1,a,on_premises", "A1,b,cloud", [
            "in.csv:3:1: error: id 'A1' is used again (first on line 2)", "in.csv:3:3: error: data_locality 'cloud' is not allowed",
        ], ["a"]),
    ])
    func anIDUsedAgainIsReportedWhenEitherRowHasOtherErrors(first: String, second: String, errors: [String], kept: [String]) throws {
        let result = try decode("id,name,data_locality\n\(first)\n\(second)\n")
        #expect(result.systems.map(\.name) == kept)
        #expect(result.errors.count == errors.count)
        for (error, start) in zip(result.log.report, errors) {
            #expect(error.hasPrefix(start), "\(result.log.report)")
        }
    }

    @Test func aRecordWithTheWrongFieldCountIsAnError() throws {
        let result = try decode("id,name\na,A,extra\nb\n")
        #expect(result.errors.map(\.description) == [
            "in.csv:2: error: record has 3 fields, the header has 2", "in.csv:3: error: record has 1 fields, the header has 2",
        ])
    }

    @Test func headerProblemsStopTheFile() throws {
        #expect(try decode("id,name,ID\na,A,b\n").errors.first?.message.contains("appears twice") == true)
        #expect(try decode("name,vendor\nA,B\n").errors.first?.message == "the header has no 'id' column; 'id' is required")
        #expect(try decode("").errors.first?.message.contains("empty") == true)
    }

    @Test func aStrayQuoteInTheHeaderIsAnErrorAndNothingIsRead() throws {
        let result = try decode("id,name,\"notes\nA1,n,x\nA2,n,y\n")
        #expect(result.systems.isEmpty)
        #expect(result.log.kept.map(\.description) == [
            "in.csv:1: error: a quoted field opened here in the header is never closed before the end of the file"
        ])
    }

    @Test func aHeaderQuoteClosedInTheRowsIsAnErrorAndNothingIsRead() throws {
        let rows = (1...5).map { "A\($0),n,\"a, b\"" }.joined(separator: "\n")
        let result = try decode("id,name,\"notes\n\(rows)\n")
        #expect(result.systems.isEmpty)
        #expect(result.errors.map(\.description) == [
            "in.csv:1:3: error: the quoted field opened here runs on to line 2, where text follows its closing quote; "
                + "a quote inside a quoted field is written \"\""
        ])
    }

    @Test func anUnbalancedQuoteIsReportedWhereItOpenedAndNamesTheLineItRanTo() throws {
        let result = try decode("id,name,notes\nA1,n1,\"open\nA2,n2,plain\nA3,n3,\"x\"\nA4,n4,ok\n")
        #expect(result.systems.map(\.id.rawValue) == ["A4"])
        #expect(result.errors.map(\.description) == [
            "in.csv:2:3: error: the quoted field opened here runs on to line 4, where text follows its closing quote; "
                + "a quote inside a quoted field is written \"\""
        ])
    }

    @Test func textAfterAQuoteClosedOnItsOwnLineKeepsItsShortMessage() throws {
        let result = try decode("id,name\nA1,\"n\"x\n")
        #expect(result.errors.map(\.description) == [
            "in.csv:2:2: error: text follows the closing quote; a quote inside a quoted field is written \"\""
        ])
    }

    @Test func lengthLimitsCountCodePointsAsTheDatabaseDoes() throws {
        // 150 letters, each with a combining accent: 150 characters on screen, 300 code points.
        let accented = String(repeating: "e\u{301}", count: 150)
        let tooLong = try decode("id,name\nL3,\(accented)\n")
        #expect(tooLong.systems.isEmpty)
        #expect(tooLong.errors.first?.description.hasPrefix("in.csv:2:2: error: name '") == true)
        #expect(tooLong.errors.first?.message.contains("is 300 characters long") == true)
        let longNotes = try decode("id,name,notes\nL4,n,\(String(repeating: "e\u{301}", count: 6_000))\n")
        #expect(longNotes.errors.first?.message.contains("is 12000 characters long") == true)
        // Exactly at the limit in code points is accepted, emoji and accents alike.
        let atLimit = String(repeating: "e\u{301}", count: 99) + "\u{1F9E0}\u{200D}"
        #expect(atLimit.unicodeScalars.count == 200)
        #expect(try decode("id,name\nL5,\(atLimit)\n").systems.first?.name == atLimit)
    }

    @Test func errorsAreShownBeforeWarningsFillTheLimit() throws {
        let unknown = (0..<1_000).map { "c\($0)" }.joined(separator: ",")
        let values = Array(repeating: "v", count: 1_000).joined(separator: ",")
        let result = try decode("\(unknown),id,name\n\(values),bad id,n\n\(values),M2,\n")
        #expect(result.log.kept.count == 100)
        #expect(result.errors.count == 2)
        #expect(result.errors.first?.description.hasPrefix("in.csv:2:1001: error: id 'bad id' is not allowed") == true)
        #expect(result.errors.last?.description.hasPrefix("in.csv:3:1002: error: name '' is empty") == true)
        let report = result.log.report
        let firstWarning = try #require(report.firstIndex { $0.contains(": warning: ") })
        let firstError = try #require(report.firstIndex { $0.hasPrefix("in.csv:2:1001: error") })
        #expect(firstWarning < firstError)
        #expect(report.suffix(2) == ["… and 902 more warnings not shown", "2 errors in 2 records"])
    }

    @Test func everyErrorOfAFileIsReportedUpToTheLimitThenCounted() throws {
        let rows = (1...150).map { "id\($0),A,cloud" }.joined(separator: "\n")
        let result = try decode("id,name,data_locality\n\(rows)\n")
        #expect(result.log.errorCount == 150)
        #expect(result.log.kept.count == 100)
        #expect(result.log.report.suffix(2) == ["… and 50 more errors not shown", "150 errors in 150 records"])
    }

    @Test func aGuardedFormulaCellIsReadWithoutItsGuard() throws {
        let result = try decode("id,name,vendor\n'-x,'=Name,'''@v\n")
        let system = try #require(result.systems.first)
        #expect(system.id.rawValue == "-x")
        #expect(system.name == "=Name")
        #expect(system.vendor == "''@v")
    }

    /// A value the export would write into a cell the reader refuses could never be imported again.
    @Test(arguments: Column.allCases.filter { $0.isFreeText && $0 != .name && $0 != .notes })
    func textIsRefusedWhenItsCellWouldBeTooLongToReadBack(column: Column) throws {
        let limit = CSVLimits.defaultMaximumFieldBytes
        let full = String(repeating: "x", count: limit)
        // The one an export adds before a formula counts too.
        let guarded = "=" + String(repeating: "x", count: limit - 2)
        for value in [full, guarded] {
            var system = ImagingSystem(id: SystemID("s1")!, name: "n")
            try FieldCodec.set(column, text: value, on: &system, today: today)
            let sink = MemoryByteSink()
            let csv = CSVWriter(sink: sink)
            try csv.writeField(FieldCodec.text(of: column, in: system))
            try csv.flush()
            #expect(try readAll(sink.text).first?.problem == nil)
        }
        for (value, problem) in [
            (full + "x", "is \(limit + 1) bytes long"),
            (guarded + "x", "is \(limit) bytes long, \(limit + 1) with the ' that guards it against spreadsheet formulas"),
        ] {
            var system = ImagingSystem(id: SystemID("s1")!, name: "n")
            let error = #expect(throws: FieldError.self) { try FieldCodec.set(column, text: value, on: &system, today: today) }
            #expect(error?.problem == problem)
            #expect(error?.description.hasSuffix("; allowed: one line of text without control characters, at most \(limit) bytes") == true)
        }
    }

    @Test func nameAndNotesAreLimitedInCodePointsWellShortOfTheFieldLimit() {
        // Four bytes at most to a code point, and one for a formula guard.
        let longest = 4 * max(ImagingSystem.maximumNameLength, ImagingSystem.maximumNotesLength) + 1
        #expect(longest <= CSVLimits.defaultMaximumFieldBytes)
    }
}
