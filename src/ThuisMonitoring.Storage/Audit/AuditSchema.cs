namespace ThuisMonitoring.Storage.Audit;

/// <summary>
/// The audit trail in its own file (<c>audit.db</c>): one row per event, numbered 1, 2, 3... in the order written,
/// each carrying the hash of the row before it and its own (<see cref="AuditChain"/>). The triggers refuse every
/// UPDATE and DELETE, so the trail is append-only even for a mistaken statement; someone who drops them and edits
/// the file anyway breaks the chain, which <c>audit verify</c> reports.
/// <para>
/// <c>audit_records</c> has no index by patient: the actor and time indexes are appended in order (a new row lands on
/// the last leaf page), but an index on <c>(patient_id, id)</c> puts each row of a list answer (one record per listed
/// patient, 10,000 at a time) on that patient's own leaf page once every patient has a few dozen records. One list's
/// commit then rewrote some 10,000 pages of 4 KiB (about 45 MB of log, fsync'd) before the answer could leave. The
/// patient index is derived instead (<c>audit_patient_index</c>, the same <c>(patient_id, id)</c> pairs, filled off the
/// request path by <see cref="AuditPatientIndex"/>), many lists at once and sorted, so each patient's leaf is written
/// once per pass, not once per list; <c>audit_patient_index_mark</c> is its one-row high-water mark (every record with
/// a patient and an id up to <c>indexed_through</c> is in the index, none above it). The derived table is append-only
/// too, and its mark only moves forward; neither is covered by the chain (they can be rebuilt from
/// <c>audit_records</c>).
/// </para>
/// </summary>
internal static class AuditSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS audit_records (
            id                INTEGER NOT NULL PRIMARY KEY,
            at_ticks          INTEGER NOT NULL,
            at_offset_minutes INTEGER NOT NULL,
            actor             TEXT NOT NULL,
            role              TEXT NOT NULL,
            organisation      TEXT NULL,
            patient_id        TEXT NULL,
            resource          TEXT NOT NULL,
            action            TEXT NOT NULL,
            channel           TEXT NOT NULL,
            purpose           TEXT NOT NULL,
            previous_hash     TEXT NOT NULL,
            hash              TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_audit_records_actor ON audit_records (actor COLLATE NOCASE, id);
        CREATE INDEX IF NOT EXISTS ix_audit_records_at ON audit_records (at_ticks);
        CREATE TRIGGER IF NOT EXISTS audit_records_no_update BEFORE UPDATE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_records_no_delete BEFORE DELETE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
        CREATE TABLE IF NOT EXISTS audit_patient_index (
            patient_id TEXT NOT NULL,
            id         INTEGER NOT NULL,
            PRIMARY KEY (patient_id, id)
        ) WITHOUT ROWID;
        CREATE TRIGGER IF NOT EXISTS audit_patient_index_no_update BEFORE UPDATE ON audit_patient_index
        BEGIN SELECT RAISE(ABORT, 'the audit patient index is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_patient_index_no_delete BEFORE DELETE ON audit_patient_index
        BEGIN SELECT RAISE(ABORT, 'the audit patient index is append-only'); END;
        CREATE TABLE IF NOT EXISTS audit_patient_index_mark (
            one             INTEGER NOT NULL PRIMARY KEY CHECK (one = 1),
            indexed_through INTEGER NOT NULL
        );
        CREATE TRIGGER IF NOT EXISTS audit_patient_index_mark_forward BEFORE UPDATE ON audit_patient_index_mark
        WHEN NEW.indexed_through < OLD.indexed_through
        BEGIN SELECT RAISE(ABORT, 'the audit patient index mark only moves forward'); END;
        CREATE TRIGGER IF NOT EXISTS audit_patient_index_mark_no_delete BEFORE DELETE ON audit_patient_index_mark
        BEGIN SELECT RAISE(ABORT, 'the audit patient index mark is kept'); END;
        """;

    /// <summary>The index by patient of a file made before it was derived: dropped at open (<see cref="AuditPatientIndex.Prepare"/>).</summary>
    public const string LegacyPatientIndex = "ix_audit_records_patient";

    public const string Columns =
        "id, at_ticks, at_offset_minutes, actor, role, organisation, patient_id, resource, action, channel, purpose, previous_hash, hash";
}
