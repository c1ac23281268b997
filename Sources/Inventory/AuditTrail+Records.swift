import Foundation
import InventoryFiles

extension AuditTrail {
    /// The texts of every contract column, in order, from a whole-record entry; nil for text
    /// that is neither form. Since the scale work the record is the contract's CSV record; before
    /// it, a JSON object keyed by column header. Those older lines stay as they were hashed, so
    /// both are read. An id cannot start with `{`, so the first character tells them apart.
    static func recordTexts(_ record: String) -> [String]? {
        guard record.hasPrefix("{") else { return FieldCodec.contractTexts(ofRecord: record) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: String] else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(Column.allCases.count)
        for column in Column.allCases {
            guard let text = object[column.header] else { return nil }
            texts.append(text)
        }
        return object.count == texts.count ? texts : nil
    }
}
