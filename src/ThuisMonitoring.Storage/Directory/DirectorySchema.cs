namespace ThuisMonitoring.Storage.Directory;

/// <summary>
/// Tables of the directory file. Each row keeps the looked-up keys as columns and the whole record as a JSON
/// document (<see cref="StoredJson"/>), so new optional fields need no migration.
/// </summary>
internal static class DirectorySchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS users (
            username   TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            document   TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS patients (
            patient_id        TEXT NOT NULL PRIMARY KEY,
            enrolled_at_ticks INTEGER NOT NULL,
            document          TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_patients_enrolled ON patients (enrolled_at_ticks, patient_id);
        CREATE TABLE IF NOT EXISTS device_bindings (
            device_id  TEXT NOT NULL PRIMARY KEY,
            patient_id TEXT NOT NULL,
            bound_at_ticks INTEGER NOT NULL,
            document   TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_device_bindings_patient ON device_bindings (patient_id, bound_at_ticks);
        CREATE TABLE IF NOT EXISTS alerts (
            alert_id          TEXT NOT NULL PRIMARY KEY,
            patient_id        TEXT NOT NULL,
            status            TEXT NOT NULL,
            raised_at_ticks   INTEGER NOT NULL,
            updated_at_ticks  INTEGER NOT NULL,
            document          TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_alerts_raised ON alerts (raised_at_ticks DESC);
        CREATE INDEX IF NOT EXISTS ix_alerts_status_raised ON alerts (status, raised_at_ticks DESC);
        CREATE INDEX IF NOT EXISTS ix_alerts_patient ON alerts (patient_id);
        CREATE TABLE IF NOT EXISTS organisations (
            organisation_id TEXT NOT NULL PRIMARY KEY,
            document        TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS organisation_clients (
            centre_id TEXT NOT NULL,
            client_id TEXT NOT NULL,
            PRIMARY KEY (centre_id, client_id)
        );
        CREATE TABLE IF NOT EXISTS pairing_codes (
            code_hash        TEXT NOT NULL PRIMARY KEY,
            device_id        TEXT NOT NULL,
            patient_id       TEXT NOT NULL,
            issued_at_ticks  INTEGER NOT NULL,
            expires_at_ticks INTEGER NOT NULL,
            used_at_ticks    INTEGER
        );
        CREATE INDEX IF NOT EXISTS ix_pairing_codes_expires ON pairing_codes (expires_at_ticks);
        CREATE TABLE IF NOT EXISTS retired_devices (
            device_id        TEXT NOT NULL PRIMARY KEY,
            patient_id       TEXT NOT NULL,
            retired_at_ticks INTEGER NOT NULL,
            document         TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_retired_devices_patient ON retired_devices (patient_id);
        """;
}
