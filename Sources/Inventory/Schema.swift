import GRDB

/// The inventory's migrations. Shipped migrations are never edited: a change is a new migration.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: systems") { db in
            try db.execute(sql: """
                CREATE TABLE system (
                    -- an explicit rowid, so that VACUUM keeps the text index's row numbers valid
                    number INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND 64),
                    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
                    vendor TEXT NOT NULL,
                    product_version TEXT NOT NULL,
                    modality TEXT NOT NULL,
                    clinical_use TEXT NOT NULL,
                    site TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    regulatory_status TEXT NOT NULL,
                    data_locality TEXT NOT NULL,
                    vendor_sharing TEXT NOT NULL,
                    vendor_training_use TEXT NOT NULL,
                    encryption_at_rest TEXT NOT NULL,
                    encryption_in_transit TEXT NOT NULL,
                    -- a whole number of days, or the text 'indefinite' or 'unknown'
                    retention_days ANY NOT NULL CHECK (
                        (typeof(retention_days) = 'integer' AND retention_days BETWEEN 0 AND 36500)
                        OR retention_days IN ('indefinite', 'unknown')),
                    unlearning TEXT NOT NULL,
                    output_exposure TEXT NOT NULL,
                    image_integrity TEXT NOT NULL,
                    deidentification TEXT NOT NULL,
                    access_control TEXT NOT NULL,
                    patient_consent TEXT NOT NULL,
                    breaches_3y ANY NOT NULL CHECK (
                        (typeof(breaches_3y) = 'integer' AND breaches_3y BETWEEN 0 AND 1000)
                        OR breaches_3y = 'unknown'),
                    last_reviewed TEXT CHECK (last_reviewed IS NULL OR last_reviewed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
                    notes TEXT NOT NULL CHECK (length(notes) <= 10000),
                    -- derived from the factors by the policy named here; recomputed when the policy changes
                    risk_score_tenths INTEGER NOT NULL CHECK (risk_score_tenths BETWEEN 0 AND 1000),
                    risk_tier TEXT NOT NULL CHECK (risk_tier IN ('low', 'moderate', 'high', 'critical')),
                    tier_rank INTEGER NOT NULL CHECK (tier_rank BETWEEN 0 AND 3),
                    policy_version TEXT NOT NULL,
                    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    updated_by TEXT NOT NULL
                ) STRICT;
                CREATE INDEX system_by_score ON system (risk_score_tenths, id);
                CREATE INDEX system_by_tier ON system (tier_rank, risk_score_tenths, id);
                CREATE INDEX system_by_name ON system (name, id);
                CREATE INDEX system_by_vendor ON system (vendor, id);
                CREATE INDEX system_by_site ON system (site, id);
                CREATE INDEX system_by_modality ON system (modality, id);
                CREATE TABLE inventory_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;

                -- Substring search over the text a filter looks at: trigrams make '%text%' an index
                -- lookup instead of a scan of every row.
                CREATE VIRTUAL TABLE system_text USING fts5(
                    id, name, vendor, site, clinical_use, notes,
                    content = 'system', content_rowid = 'number', tokenize = 'trigram');
                """)
            // Kept `system_text` in step with `system` until v9.
            try db.execute(sql: """
                CREATE TRIGGER system_text_insert AFTER INSERT ON system BEGIN
                    INSERT INTO system_text (rowid, id, name, vendor, site, clinical_use, notes)
                    VALUES (new.number, new.id, new.name, new.vendor, new.site, new.clinical_use, new.notes);
                END;
                CREATE TRIGGER system_text_delete AFTER DELETE ON system BEGIN
                    INSERT INTO system_text (system_text, rowid, id, name, vendor, site, clinical_use, notes)
                    VALUES ('delete', old.number, old.id, old.name, old.vendor, old.site, old.clinical_use, old.notes);
                END;
                CREATE TRIGGER system_text_update AFTER UPDATE OF id, name, vendor, site, clinical_use, notes ON system BEGIN
                    INSERT INTO system_text (system_text, rowid, id, name, vendor, site, clinical_use, notes)
                    VALUES ('delete', old.number, old.id, old.name, old.vendor, old.site, old.clinical_use, old.notes);
                    INSERT INTO system_text (rowid, id, name, vendor, site, clinical_use, notes)
                    VALUES (new.number, new.id, new.name, new.vendor, new.site, new.clinical_use, new.notes);
                END;
                """)
        }
        migrator.registerMigration("v2: audit trail") { db in
            try db.execute(sql: """
                CREATE TABLE audit (
                    sequence INTEGER PRIMARY KEY,
                    time TEXT NOT NULL,
                    user TEXT NOT NULL,
                    sudo_user TEXT,
                    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'import')),
                    system_id TEXT NOT NULL,
                    field TEXT,
                    old_value TEXT,
                    new_value TEXT,
                    score_before INTEGER,
                    score_after INTEGER,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                ) STRICT;
                CREATE INDEX audit_by_system ON audit (system_id, sequence);
                -- Append-only: the tool never changes or removes a line, and neither may anyone else
                -- through SQLite without first dropping these triggers (which verify then detects).
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
                    SELECT RAISE(ABORT, 'the audit trail is append-only');
                END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
                    SELECT RAISE(ABORT, 'the audit trail is append-only');
                END;
                """)
        }
        migrator.registerMigration("v3: archive") { db in
            // Deleting archives: the row stays, with its history, hidden from the inventory. The
            // sort indexes cover only active systems, so the list never steps over archived rows.
            try db.execute(sql: """
                ALTER TABLE system ADD COLUMN archived_at TEXT;
                DROP INDEX system_by_score;
                DROP INDEX system_by_tier;
                DROP INDEX system_by_name;
                DROP INDEX system_by_vendor;
                DROP INDEX system_by_site;
                DROP INDEX system_by_modality;
                CREATE INDEX system_by_score ON system (risk_score_tenths, id) WHERE archived_at IS NULL;
                CREATE INDEX system_by_tier ON system (tier_rank, risk_score_tenths, id) WHERE archived_at IS NULL;
                CREATE INDEX system_by_name ON system (name, id) WHERE archived_at IS NULL;
                CREATE INDEX system_by_vendor ON system (vendor, id) WHERE archived_at IS NULL;
                CREATE INDEX system_by_site ON system (site, id) WHERE archived_at IS NULL;
                CREATE INDEX system_by_modality ON system (modality, id) WHERE archived_at IS NULL;
                CREATE INDEX system_archived ON system (archived_at) WHERE archived_at IS NOT NULL;
                """)
        }
        migrator.registerMigration("v4: drafts") { db in
            // An edit cut off by a dropped SSH link, kept for the officer who typed it.
            try db.execute(sql: """
                CREATE TABLE draft (
                    user TEXT NOT NULL,
                    system_id TEXT NOT NULL,
                    saved_at TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    PRIMARY KEY (user, system_id)
                ) STRICT;
                """)
        }
        migrator.registerMigration("v5: export records") { db in
            // Where each CSV export went and how far the audit trail reached then: importing that
            // file again can tell an officer's edit in the file from a change saved since.
            try db.execute(sql: """
                CREATE TABLE export_record (
                    path TEXT PRIMARY KEY NOT NULL,
                    audit_sequence INTEGER NOT NULL,
                    exported_at TEXT NOT NULL,
                    exported_by TEXT NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("v6: text filter candidates") { db in
            // A text filter's candidates are looked up by row number; this narrow copy of what the
            // counts and the score orders need spares reading a wide row for each.
            try db.execute(sql: """
                CREATE INDEX system_for_text_filter ON system (number, tier_rank, risk_score_tenths, id)
                WHERE archived_at IS NULL
                """)
        }
        migrator.registerMigration("v7: tiers in the text sort indexes") { db in
            // A tier filter in these orders walks the order's index and tests each entry's tier
            // (see `InventoryStore.filter`): held in the index, the tier is read without the row.
            // Where a row stands in such a list, counted over a million systems, takes 0.08 s
            // instead of 1.5 s.
            for column in ["name", "vendor", "site", "modality"] {
                try db.execute(sql: """
                    DROP INDEX system_by_\(column);
                    CREATE INDEX system_by_\(column) ON system (\(column), id, tier_rank) WHERE archived_at IS NULL;
                    """)
            }
        }
        migrator.registerMigration("v8: an id sort index like the others") { db in
            // The id order walked the UNIQUE index on id, which holds archived systems too: each
            // entry needed its row for `archived_at` and the tier. Counting where a row stands in
            // that order read up to a million rows (2.5 s); this index is walked alone (0.04 s).
            try db.execute(sql: "CREATE INDEX system_by_id ON system (id, tier_rank) WHERE archived_at IS NULL")
        }
        migrator.registerMigration("v9: text filter reads a narrow index") { db in
            // Every filter text is now tested in every active row, through this index of just the
            // searched cells (half the table's bytes): the trigram index, which spared reading rows
            // for three characters or more, was half of a million-system import and a third
            // of the file, while one or two characters read every row anyway. `archived_at` is in
            // it so that the scan, which names it, reads the index alone.
            try db.execute(sql: """
                DROP TRIGGER system_text_insert;
                DROP TRIGGER system_text_delete;
                DROP TRIGGER system_text_update;
                DROP TABLE system_text;
                DROP INDEX system_for_text_filter;
                CREATE INDEX system_text_cells ON system (
                    number, tier_rank, notes, id, name, vendor, site, clinical_use, archived_at)
                WHERE archived_at IS NULL;
                """)
        }
        return migrator
    }
}
