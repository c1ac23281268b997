import RiskModel

/// A cell whose value the contract does not allow: which column, the value, and what is allowed.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    public let column: Column
    public let value: String
    public let problem: String

    public init(column: Column, value: String, problem: String? = nil) {
        self.column = column
        self.value = value
        self.problem = problem ?? "is not allowed"
    }

    /// `data_locality 'cloud' is not allowed; allowed: on_premises, ...`
    public var description: String {
        "\(column.header) \(Printable.quoted(value)) \(problem); allowed: \(column.allowed)"
    }
}

/// Values from files reach messages and terminals escaped: control characters and escape
/// sequences are shown as `\n`, `\u{1B}` and so on, never sent raw, and very long values are cut.
public enum Printable {
    public static func quoted(_ value: String, limit: Int = 80) -> String {
        "'\(escaped(value, limit: limit))'"
    }

    /// Two values that differ, each quoted; long ones are shown from a little before the first
    /// scalar where they differ, as the same first 80 would hide what changed.
    public static func quotedDifference(_ first: String, _ second: String, limit: Int = 80) -> (String, String) {
        let (a, b) = (Array(first.unicodeScalars), Array(second.unicodeScalars))
        guard max(a.count, b.count) > limit else { return (quoted(first, limit: limit), quoted(second, limit: limit)) }
        let differing = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let start = max(0, differing - 20)
        func from(_ scalars: [Unicode.Scalar]) -> String {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[min(start, scalars.count)...])
            return (start > 0 ? "…" : "") + quoted(String(text), limit: limit)
        }
        return (from(a), from(b))
    }

    public static func escaped(_ value: String, limit: Int = .max) -> String {
        // Most values need nothing escaped and are given back as they are, not rebuilt scalar by
        // scalar (a fifth of `radrisk list`'s time).
        var count = 0
        if !value.unicodeScalars.contains(where: { scalar in
            count += 1
            return count > limit || needsEscape(scalar)
        }) {
            return value
        }
        return rebuilt(value, limit: limit, escapingBackslash: true)
    }

    /// `text` with its control characters escaped, and nothing else: for a message that quotes
    /// what someone typed or named (a path, an option's value) beside values escaped already.
    public static func controlsEscaped(_ text: String) -> String {
        text.unicodeScalars.contains(where: isControl) ? rebuilt(text, limit: .max, escapingBackslash: false) : text
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        isControl(scalar) || scalar == "\\"
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func rebuilt(_ value: String, limit: Int, escapingBackslash: Bool) -> String {
        var result = ""
        var count = 0
        for scalar in value.unicodeScalars {
            if count >= limit {
                result += "…"
                break
            }
            count += 1
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\\" where escapingBackslash: result += "\\\\"
            case _ where isControl(scalar):
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
