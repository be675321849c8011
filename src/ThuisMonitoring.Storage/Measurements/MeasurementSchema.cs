namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// The measurements file: one row per accepted measurement object, vitals as columns (queryable, compact).
/// Instants are UTC ticks with the original offset in minutes beside them.
/// <para>
/// Two indexes, no more: every index of a row is another page the one writer rewrites per measurement, scattered over
/// the devices (with 2,000 devices nearly every row of a commit lands on its own leaf of each index). The duplicate check
/// needs (device, message id), the patient's reads and the flags (patient, time). Files of before kept a third,
/// (device, time), for the flags: it is dropped at open.
/// </para>
/// </summary>
internal static class MeasurementSchema
{
    public const string Sql = """
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
            flag                TEXT
        );
        CREATE UNIQUE INDEX IF NOT EXISTS ux_measurements_device_message
            ON measurements (device_id, message_id) WHERE message_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_measurements_patient_time
            ON measurements (patient_id, measured_at_ticks);
        DROP INDEX IF EXISTS ix_measurements_device_time;
        """;

    // DO NOTHING only on a uniqueness conflict: a repeated (device_id, message_id), also within the same batch,
    // changes no row; any other constraint still fails loudly.
    public const string Insert = """
        INSERT INTO measurements (
            patient_id, device_id, organisation, source, message_id,
            measured_at_ticks, measured_at_offset, received_at_ticks, received_at_offset,
            spo2, heart_rate, respiratory_rate, oxygen_flow, temperature, perfusion_index, feeling, exertion, artefact)
        VALUES (
            $patientId, $deviceId, $organisation, $source, $messageId,
            $measuredAt, $measuredOffset, $receivedAt, $receivedOffset,
            $spo2, $heartRate, $respiratoryRate, $oxygenFlow, $temperature, $perfusionIndex, $feeling, $exertion, $artefact)
        ON CONFLICT DO NOTHING;
        """;

    /// <summary>Columns in <see cref="SelectColumns"/>; a column selected after them has this ordinal.</summary>
    public const int SelectColumnCount = 19;

    public const string SelectColumns = """
        patient_id, device_id, organisation, source, message_id,
        measured_at_ticks, measured_at_offset, received_at_ticks, received_at_offset,
        spo2, heart_rate, respiratory_rate, oxygen_flow, temperature, perfusion_index, feeling, exertion, artefact, flag
        """;

    /// <summary>Files made before the flag column existed get it (NULL: not flagged).</summary>
    public const string FlagColumn = "flag";

    public const string AddFlagColumn = "ALTER TABLE measurements ADD COLUMN flag TEXT;";
}
