import Foundation
import GRDB

/// An unsaved edit kept when the dashboard was cut off (a dropped SSH link, a hang-up), offered
/// back the next time the same officer edits the same system.
public struct Draft: Sendable, Equatable {
    /// The system's id, or empty for a system that was being added.
    public let systemID: String
    public let savedAt: String
    /// Contract column name to the text that was typed: only the fields the officer changed.
    public let fields: [String: String]
    /// For a typed field, the saved text it was typed over. A field without one (every field of a
    /// draft kept before radrisk recorded this) has no known starting point.
    public let startedFrom: [String: String]
}

extension InventoryStore {
    public func saveDraft(systemID: String, fields: [String: String], startedFrom: [String: String]) throws(InventoryError) {
        try requireWritable()
        let kept = ["fields": fields, "started_from": startedFrom]
        let data = (try? JSONSerialization.data(withJSONObject: kept, options: [.sortedKeys])) ?? Data("{}".utf8)
        let json = String(decoding: data, as: UTF8.self)
        try withDatabaseErrors {
            try writer.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO draft (user, system_id, saved_at, fields) VALUES (?, ?, ?, ?)",
                    arguments: [user, systemID, clock(), json])
            }
        }
    }

    /// This officer's draft for the system, if one was kept.
    public func draft(systemID: String) throws(InventoryError) -> Draft? {
        try withDatabaseErrors {
            try writer.read { db -> Draft? in
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT saved_at, fields FROM draft WHERE user = ? AND system_id = ?", arguments: [user, systemID])
                else { return nil }
                let text: String = row[1]
                let (fields, startedFrom) = Self.decodeDraft(text)
                return Draft(systemID: systemID, savedAt: row[0], fields: fields, startedFrom: startedFrom)
            }
        }
    }

    /// `{"fields": {...}, "started_from": {...}}`, or the first format: one object of every field's
    /// text, with no starting points.
    private static func decodeDraft(_ text: String) -> (fields: [String: String], startedFrom: [String: String]) {
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        if let everyField = object as? [String: String] { return (everyField, [:]) }
        let kept = object as? [String: [String: String]] ?? [:]
        return (kept["fields"] ?? [:], kept["started_from"] ?? [:])
    }

    public func discardDraft(systemID: String) throws(InventoryError) {
        try requireWritable()
        try withDatabaseErrors {
            try writer.write { db in
                try db.execute(sql: "DELETE FROM draft WHERE user = ? AND system_id = ?", arguments: [user, systemID])
            }
        }
    }
}
