import Foundation
import Testing

/// A policy file's own text (its version, an escalation's name, reason and regulation) never
/// reaches the terminal raw: an escape sequence in it is shown, not obeyed.
@Suite("Policy text on the terminal")
struct PolicyTextTests {
    let directory = RadRiskProcess.temporaryDirectory()

    /// The built-in policy with `original` replaced; `\u001b` is TOML for ESC.
    func policy(replacing original: String, with replacement: String) throws -> String {
        let path = directory + "/policy.toml"
        let text = try RadRiskProcess.run(["policy"]).stdout
        #expect(text.contains(original))
        try text.replacing(original, with: replacement).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `radrisk show id` on an inventory of the sample, under the policy file at `policy`.
    func showSample(_ id: String, policy: String) throws -> RadRiskProcess.Result {
        let database = directory + "/inventory.sqlite"
        #expect(try RadRiskProcess.run(["import", RadRiskProcess.sample("inventory.csv"), "--db", database]).status == 0)
        let show = try RadRiskProcess.run(["show", id, "--db", database, "--policy", policy])
        #expect(show.status == 0, "\(show.stderr)")
        return show
    }

    @Test func aPolicyVersionIsShownEscaped() throws {
        let path = try policy(replacing: "policy_version = \"radrisk-2026.11\"", with: "policy_version = \"local\\u001b[2J-1\"")
        let check = try RadRiskProcess.run(["policy", "--check", path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "\(path): valid policy local\\u{1B}[2J-1\n")

        let show = try showSample("NHP-CT-011", policy: path)
        #expect(show.stdout.contains("Policy local\\u{1B}[2J-1, vector RRV1/"))
        #expect(!show.stdout.contains("\u{1B}"))
    }

    @Test func anEscalationsNameAndReasonAreShownEscaped() throws {
        let path = try policy(
            replacing: "name = \"identifiable_without_tls12\"\nraise_to = \"critical\"\nreason = \"Identifiable images",
            with: "name = \"identifiable\\u001b[2J\"\nraise_to = \"critical\"\nreason = \"\\u001b]0;x\\u0007Identifiable images")
        let show = try showSample("NHP-CT-047", policy: path)
        #expect(show.stdout.contains("  escalation identifiable\\u{1B}[2J -> critical: "))
        #expect(show.stdout.contains(": \\u{1B}]0;x\\u{7}Identifiable images"))
        #expect(!show.stdout.contains("\u{1B}"))
    }

    @Test func aRefusalQuotingThePolicysTextShowsItEscaped() throws {
        let path = try policy(
            replacing: "name = \"unencrypted_transit_off_premises\"\nraise_to = \"high\"",
            with: "name = \"unencrypted\\u001b[2J\"\nraise_to = \"x\"")
        let check = try RadRiskProcess.run(["policy", "--check", path])
        #expect(check.status == 65)
        #expect(check.stderr.contains("escalation 'unencrypted\\u{1B}[2J': raise_to must be one of"), "\(check.stderr)")
        #expect(!check.stderr.contains("\u{1B}"))
    }
}
