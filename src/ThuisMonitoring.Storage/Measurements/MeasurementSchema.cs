namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// The measurements file: one row per accepted measurement object, vitals as columns (queryable, compact).
/// Instants are UTC ticks with the original offset in minutes beside them.
/// <para>
/// Two indexes, no more: every index of a row is another page the one writer rewrites per measurement, scattered over
/// the devices (with 2,000 devices nearly every row of a commit lands on its own leaf of each index). The duplicate check
/// needs (device, message id), the patient's reads, the flags and the erasure (patient, time). Both are keyed by small
/// integers, not by the text ids: <c>device_keys</c> and <c>patient_keys</c> give each id its number (exactly: the id is
/// unique in its table, so (device key, message id) is the contract's duplicate rule), and the rows keep the text ids
/// beside the numbers for the readers and the journal. Short integer keys make smaller, shallower indexes that compare
/// faster: a storage micro-benchmark (900-row commits over 2,000 devices) gave 39 → 26 µs of CPU per row. Patient and
/// device ids live in separate tables (the same string may be both). Files of before are migrated at open
/// (<see cref="MeasurementSchemaMigration"/>).
/// </para>
/// </summary>
internal static class MeasurementSchema
{
    /// <summary>The tables of a new file; the key columns come last, where a migrated file has them too.</summary>
    public const string Tables = """
        CREATE TABLE IF NOT EXISTS measurements (
            id                  INTEGER PRIMARY KEY,
            patient_id          TEXT NOT NULL,
            device_id           TEXT NOT NULL,
            organisation        TEXT,
            source              TEXT NOT NULL,
            message_id          TEXT,
            measured_at_ticks   INTEGER NOT NULL,
            measured_at_offset  INTEGER NOT NULL,
            received_at_ticks   INTEGER NOT NULL,
            received_at_offset  INTEGER NOT NULL,
            spo2                INTEGER,
            heart_rate          INTEGER,
            respiratory_rate    INTEGER,
            oxygen_flow         REAL,
            temperature         REAL,
            perfusion_index     REAL,
            feeling             TEXT,
            exertion            INTEGER NOT NULL,
            artefact            INTEGER NOT NULL,
            flag                TEXT,
            patient_key         INTEGER NOT NULL,
            device_key          INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS patient_keys (key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
        CREATE TABLE IF NOT EXISTS device_keys (key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
        """;

    /// <summary>The indexes, after the tables (and their migration); the text-keyed indexes of before are dropped.</summary>
    public const string Indexes = """
        CREATE UNIQUE INDEX IF NOT EXISTS ux_measurements_device_key_message
            ON measurements (device_key, message_id) WHERE message_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_measurements_patient_key_time
            ON measurements (patient_key, measured_at_ticks);
        DROP INDEX IF EXISTS ux_measurements_device_message;
        DROP INDEX IF EXISTS ix_measurements_patient_time;
        DROP INDEX IF EXISTS ix_measurements_device_time;
        """;

    /// <summary>The patient's rows, by the patient's index: no key (an unknown patient) matches no row.</summary>
    public const string PatientKeyOf = "(SELECT key FROM patient_keys WHERE id = $patientId)";

    // DO NOTHING only on a uniqueness conflict: a repeated (device_key, message_id), also within the same batch,
    // changes no row; any other constraint still fails loudly.
    public const string Insert = """
        INSERT INTO measurements (
            patient_id, device_id, organisation, source, message_id,
            measured_at_ticks, measured_at_offset, received_at_ticks, received_at_offset,
            spo2, heart_rate, respiratory_rate, oxygen_flow, temperature, perfusion_index, feeling, exertion, artefact,
            patient_key, device_key)
        VALUES (
            $patientId, $deviceId, $organisation, $source, $messageId,
            $measuredAt, $measuredOffset, $receivedAt, $receivedOffset,
            $spo2, $heartRate, $respiratoryRate, $oxygenFlow, $temperature, $perfusionIndex, $feeling, $exertion, $artefact,
            $patientKey, $deviceKey)
        ON CONFLICT DO NOTHING;
        """;

    /// <summary>Columns in <see cref="SelectColumns"/>; a column selected after them has this ordinal.</summary>
    public const int SelectColumnCount = 19;

    public const string SelectColumns = """
        patient_id, device_id, organisation, source, message_id,
        measured_at_ticks, measured_at_offset, received_at_ticks, received_at_offset,
        spo2, heart_rate, respiratory_rate, oxygen_flow, temperature, perfusion_index, feeling, exertion, artefact, flag
        """;
}
