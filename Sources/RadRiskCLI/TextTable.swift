import InventoryFiles
import TerminalUI

/// Fixed-width text columns for terminal output. Cells are escaped (nothing from the data can
/// drive the terminal), cut to their width by display width (CJK counts double), and padded.
struct TextTable {
    struct Column {
        let title: String
        /// 0: the column takes the rest of the line, uncut.
        let width: Int
        var rightAligned = false
        /// A key (a system's id, a user): given whole even past its width, which shifts the rest
        /// of that line, for two ids cut to one prefix could not be told apart.
        var whole = false
    }

    let columns: [Column]

    var header: String { line(columns.map(\.title)) }

    func line(_ cells: [String]) -> String {
        var parts: [String] = []
        for (cell, column) in zip(cells, columns) {
            let safe = Printable.escaped(cell)
            guard column.width > 0 else {
                parts.append(safe)
                continue
            }
            if column.whole, TextWidth.of(safe) >= column.width {
                parts.append(safe)
                continue
            }
            let fitted = TextWidth.truncate(safe, to: column.width, ellipsis: "…")
            parts.append(TextWidth.pad(fitted, to: column.width, alignRight: column.rightAligned))
        }
        var text = parts.joined(separator: "  ")
        while text.hasSuffix(" ") { text.removeLast() }
        return text + "\n"
    }
}
