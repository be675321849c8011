namespace ThuisMonitoring.Storage.Audit;

/// <summary>
/// The audit trail in its own file (<c>audit.db</c>): one row per event, numbered 1, 2, 3... in the order written,
/// each carrying the hash of the row before it and its own (<see cref="AuditChain"/>). The triggers refuse every
/// UPDATE and DELETE, so the trail is append-only even for a mistaken statement; someone who drops them and edits
/// the file anyway breaks the chain, which <c>audit verify</c> reports.
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
        CREATE INDEX IF NOT EXISTS ix_audit_records_patient ON audit_records (patient_id, id);
        CREATE INDEX IF NOT EXISTS ix_audit_records_actor ON audit_records (actor COLLATE NOCASE, id);
        CREATE INDEX IF NOT EXISTS ix_audit_records_at ON audit_records (at_ticks);
        CREATE TRIGGER IF NOT EXISTS audit_records_no_update BEFORE UPDATE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_records_no_delete BEFORE DELETE ON audit_records
        BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END;
        """;

    public const string Columns =
        "id, at_ticks, at_offset_minutes, actor, role, organisation, patient_id, resource, action, channel, purpose, previous_hash, hash";
}
