/// The contract's formula-injection rule. A cell that would start with `=`, `+`, `-`, `@`, a tab
/// or a carriage return, after any run of `'`, is written with one more leading `'`; reading strips
/// exactly that one again.
///
/// Counting the whole run of `'` (the contract names one) is what makes the rule reversible: with
/// one only, `''=x` would be written as is but read back as `'=x`.
public enum FormulaGuard {
    public static func needsGuard(_ cell: some Collection<UInt8>) -> Bool {
        guard let first = cell.first(where: { $0 != UInt8(ascii: "'") }) else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    /// The cell as a reader should see it: one guarding `'` removed.
    public static func unescaped(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard cell.first == UInt8(ascii: "'"), needsGuard(cell) else { return cell }
        return UnsafeBufferPointer(rebasing: cell.dropFirst())
    }
}
