import RiskModel
import Testing

@Suite("Risk vector")
struct RiskVectorTests {
    @Test func formatsInCanonicalOrder() {
        #expect(RiskVector.format(.allBest) == "RRV1/DL:OP/VS:N/VT:N/ER:CK/ET:M/RT:0/UL:NA/OE:L/II:P/DI:NA/AC:RM/PC:I/BR:0")
        #expect(RiskVector.format(.allUnknown) == "RRV1/DL:X/VS:X/VT:X/ER:X/ET:X/RT:X/UL:X/OE:X/II:X/DI:X/AC:X/PC:X/BR:X")
    }

    @Test func parsingAVectorGivesBackTheSameLevelsAndScore() throws {
        for profile in RiskProfile.randomSample(count: 2_000, seed: 4) {
            let vector = RiskVector.format(profile)
            let parsed = try RiskVector.parse(vector)
            #expect(parsed == profile)
            #expect(Policy.standard.assess(parsed) == Policy.standard.assess(profile))
        }
    }

    @Test func everyLevelHasADistinctCode() {
        func distinct<L: FactorLevel>(_: L.Type) -> Bool { Set(L.vectorCodes).count == L.allCases.count }
        #expect(distinct(DataLocality.self) && distinct(VendorSharing.self) && distinct(VendorTrainingUse.self))
        #expect(distinct(EncryptionAtRest.self) && distinct(EncryptionInTransit.self) && distinct(Unlearning.self))
        #expect(distinct(OutputExposure.self) && distinct(ImageIntegrity.self) && distinct(Deidentification.self))
        #expect(distinct(AccessControl.self) && distinct(PatientConsent.self))
    }

    @Test(arguments: [
        ("", "must start with RRV1/"),
        ("RRV2/DL:OP", "must start with RRV1/"),
        ("RRV1/DL:OP", "needs 13 metrics"),
        ("RRV1/VS:N/DL:OP/VT:N/ER:CK/ET:M/RT:0/UL:NA/OE:L/II:P/DI:NA/AC:RM/PC:I/BR:0", "expected DL:<level>"),
        ("RRV1/DL:ZZ/VS:N/VT:N/ER:CK/ET:M/RT:0/UL:NA/OE:L/II:P/DI:NA/AC:RM/PC:I/BR:0", "DL:ZZ is not a level"),
        ("RRV1/DL:OP/VS:N/VT:N/ER:CK/ET:M/RT:-1/UL:NA/OE:L/II:P/DI:NA/AC:RM/PC:I/BR:0", "RT:-1 must be"),
        ("RRV1/DL:OP/VS:N/VT:N/ER:CK/ET:M/RT:36501/UL:NA/OE:L/II:P/DI:NA/AC:RM/PC:I/BR:0", "RT:36501 must be"),
        ("RRV1/DL:OP/VS:N/VT:N/ER:CK/ET:M/RT:030/UL:NA/OE:L/II:P/DI:NA/AC:RM/PC:I/BR:0", "RT:030 must be"),
        ("RRV1/DL:OP/VS:N/VT:N/ER:CK/ET:M/RT:0/UL:NA/OE:L/II:P/DI:NA/AC:RM/PC:I/BR:1001", "BR:1001 must be"),
        ("RRV1/DL:OP/VS:N/VT:N/ER:CK/ET:M/RT:0/UL:NA/OE:L/II:P/DI:NA/AC:RM/PC:I/BR", "expected BR:<level>"),
    ])
    func malformedVectorsAreRefusedWithAReason(vector: String, reason: String) {
        #expect {
            _ = try RiskVector.parse(vector)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }
}
