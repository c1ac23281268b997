import ConfigFiles
import RiskModel
import Testing

@Suite("Policy files")
struct PolicyFileTests {
    let standard = Policy.defaultTOML

    func refusal(_ text: String) -> ConfigFileError? {
        do {
            _ = try Policy(toml: text, fileName: "policy.toml")
            return nil
        } catch {
            return error
        }
    }

    func lineNumber(of needle: String, in text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }! + 1
    }

    @Test func theBuiltInPolicyIsValid() {
        let policy = Policy.standard
        #expect(policy.weights.reduce(0, +) == 100)
        #expect(policy.weights == [12, 14, 10, 10, 8, 10, 8, 8, 8, 6, 3, 3])
        #expect(policy.escalations.count == 5)
        #expect(policy.version == "radrisk-2026.11")
    }

    @Test func weightsThatDoNotSumTo100AreRefused() throws {
        let text = standard.replacing("data_locality = 12", with: "data_locality = 13")
        let error = try #require(refusal(text))
        #expect(error.message.contains("weights must sum to 100, they sum to 101"))
        #expect(error.file == "policy.toml")
    }

    @Test func aWeightThatIsNotANumberIsRefusedWithItsLine() throws {
        let text = standard.replacing("breaches = 3\n", with: "breaches = \"three\"\n")
        let error = try #require(refusal(text))
        #expect(error.message.contains("breaches must be a whole number"))
        #expect(error.line == lineNumber(of: "breaches = \"three\"", in: text))
    }

    @Test func aMissingFactorIsRefused() throws {
        let text = standard.replacing("patient_consent = 3\n", with: "")
        let error = try #require(refusal(text))
        #expect(error.message.contains("missing 'patient_consent'"))
    }

    @Test func anUnknownLevelIsRefusedWithItsLine() throws {
        let text = standard.replacing("private_cloud = 3", with: "hybrid_cloud = 3")
        let error = try #require(refusal(text))
        #expect(error.message.contains("unknown key 'hybrid_cloud'"))
        #expect(error.line == lineNumber(of: "hybrid_cloud = 3", in: text))
    }

    @Test func pointsThatFallAsRiskRisesAreRefused() throws {
        let text = standard.replacing("vendor_cloud_domestic = 6", with: "vendor_cloud_domestic = 1")
        let error = try #require(refusal(text))
        #expect(error.message.contains("points must not fall as risk rises"))
    }

    @Test func unknownScoredBelowTheMedianIsRefused() throws {
        let text = standard.replacing("unknown = 7\n", with: "unknown = 2\n")
        let error = try #require(refusal(text))
        #expect(error.message.contains("better than the median known level"))
    }

    @Test func pointsOutOfRangeAreRefused() throws {
        let text = standard.replacing("vendor_cloud_cross_border = 10", with: "vendor_cloud_cross_border = 11")
        let error = try #require(refusal(text))
        #expect(error.message.contains("out of range 0-10"))
    }

    @Test func aTOMLSyntaxErrorNamesTheLine() throws {
        let text = standard.replacing("[weights]", with: "[weights")
        let error = try #require(refusal(text))
        #expect(error.message.contains("TOML syntax error"))
        #expect(error.line == lineNumber(of: "[weights", in: text))
    }

    @Test func anEscalationNamingAnUnknownLevelIsRefused() throws {
        let text = standard.replacing(#"breaches = "two_to_four""#, with: #"breaches = "lots""#)
        let error = try #require(refusal(text))
        #expect(error.message.contains("escalation 'repeated_breaches': breaches must be one of"))
    }

    @Test func aTierThresholdThatIsNoFiniteScoreIsRefusedWithItsLine() throws {
        for value in ["inf", "nan", "1e300", "-inf", "100.1"] {
            let text = standard.replacing("moderate = 25\n", with: "moderate = \(value)\n")
            let error = try #require(refusal(text), "\(value)")
            #expect(error.message.contains("must be above the tier before it and at most 100"), "\(value)")
            #expect(error.line == lineNumber(of: "moderate = \(value)", in: text), "\(value)")
        }
    }

    @Test func aTierThresholdFinerThanATenthIsRefused() throws {
        let text = standard.replacing("moderate = 25\n", with: "moderate = 25.04\n")
        let error = try #require(refusal(text))
        #expect(error.message == "[tiers] moderate = 25.04 has more than one decimal; scores are in tenths")
        #expect(try Policy(toml: standard.replacing("moderate = 25\n", with: "moderate = 25.1\n"), fileName: "p.toml")
            .tierThresholdTenths[0] == 251)
    }

    @Test func anErrorInALaterEscalationNamesItsOwnLines() throws {
        let text = standard.replacing(#"breaches = "two_to_four""#, with: #"breaches = "lots""#)
            .replacing(#"raise_to = "high"\#nreason = "Two or more"#, with: #"raise_to = "low"\#nreason = "Two or more"#)
        let error = try #require(refusal(text))
        #expect(error.message.contains("escalation 'repeated_breaches': raise_to must be one of"))
        #expect(error.line == lineNumber(of: #"raise_to = "low""#, in: text))
        let unknownLevel = try #require(refusal(standard.replacing(#"breaches = "two_to_four""#, with: #"breaches = "lots""#)))
        #expect(unknownLevel.line == lineNumber(of: #"breaches = "lots""#, in: standard.replacing(#"breaches = "two_to_four""#, with: #"breaches = "lots""#)))
    }

    @Test func anotherValidPolicyChangesTheScores() throws {
        let text = standard
            .replacing("policy_version = \"radrisk-2026.11\"", with: "policy_version = \"strict\"")
            .replacing("data_locality = 12", with: "data_locality = 22")
            .replacing("vendor_sharing = 14", with: "vendor_sharing = 4")
        let policy = try Policy(toml: text, fileName: "strict.toml")
        var profile = RiskProfile.allBest
        profile.dataLocality = .vendorCloudDomestic
        #expect(policy.assess(profile).scoreTenths == 22 * 6)
        #expect(policy.assess(profile).policyVersion == "strict")
    }
}
