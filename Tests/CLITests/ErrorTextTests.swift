import Foundation
import Testing

/// What someone typed or named (a path, an option's value) is quoted in error messages with its
/// control characters escaped: an escape sequence in it is shown on the terminal, not obeyed.
@Suite("Errors on the terminal")
struct ErrorTextTests {
    let directory = RadRiskProcess.temporaryDirectory()

    @Test(arguments: [
        (["list", "--db", "/nonexistent/\u{1B}[2JX.sqlite"], "/nonexistent/\\u{1B}[2JX.sqlite: there is no inventory here", Int32(66)),
        (["import", "/nonexistent/a\\b\u{1B}[2J.csv", "--db", "DB"], "/nonexistent/a\\b\\u{1B}[2J.csv: No such file or directory", 66),
        (["list", "--sort", "\u{1B}[2J", "--db", "DB"], "Error: The value '\\u{1B}[2J' is invalid for '--sort <sort>'", 64),
        (["score", "-", "--policy", "/nonexistent/\u{7}.toml"], "/nonexistent/\\u{7}.toml", 66),
        (["list", "--db", "/nonexistent/two\nlines.sqlite"], "radrisk: /nonexistent/two\\nlines.sqlite: there is no inventory here", 66),
        (["score", "/nonexistent/two\nlines.csv"], "radrisk: /nonexistent/two\\nlines.csv: No such file or directory", 66),
    ])
    func aQuotedPathOrValueIsShownEscaped(arguments: [String], shown: String, status: Int32) throws {
        let database = directory + "/inventory.sqlite"
        let run = try RadRiskProcess.run(arguments.map { $0 == "DB" ? database : $0 }, stdin: "")
        #expect(run.status == status)
        #expect(run.stderr.contains(shown), "\(run.stderr)")
        #expect(!run.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(run.stderr.debugDescription)")
    }

    /// A file's name with a newline in it would split each error into two lines, breaking the
    /// one-line `file:line:column:` form, and could pass for an error line of its own.
    @Test func aNewlineInAFileNameKeepsEachErrorOnOneLine() throws {
        let file = directory + "/broken\nname.csv"
        try "id,name,data_locality\nA1,a,cloud\nA2,,on_premises\n".write(toFile: file, atomically: true, encoding: .utf8)
        for command in [["score", file], ["import", file, "--db", directory + "/inventory.sqlite"]] {
            let run = try RadRiskProcess.run(command)
            #expect(run.status == 65)
            let lines = run.stderr.split(separator: "\n")
            let errors = lines.filter { $0.contains(": error: ") }
            #expect(errors.count == 2 && errors.allSatisfy { $0.hasPrefix("\(directory)/broken\\nname.csv:") }, "\(run.stderr)")
            #expect(!lines.contains { $0.hasPrefix("name.csv") }, "\(run.stderr)")
        }
    }
}
