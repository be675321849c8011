using Npgsql;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.PostgreSql.Privacy;

/// <summary>
/// The patient's part of the cluster's database, one <see cref="IPatientErasure"/> per part as the erasure report names
/// them: the directory (patient record, device bindings through the registry so every host refuses them at once, pairing
/// codes and retired app credentials, alerts, notifications, handovers, the overview's summary, FHIR pushes and the subscriptions to this one
/// patient, the patient's protocol layer and its log), measurements, grain state and reminders (grain ids contain
/// the patient id). Each part is one transaction, followed by a VACUUM of its tables so the dead rows' space is reclaimed.
/// PostgreSQL gives no guarantee that freed pages are overwritten on disk (no secure_delete): see docs/privacy.md.
/// </summary>
internal sealed class PostgresPatientErasure(string store, PostgresDatabase database, IReadOnlyList<string> statements, IReadOnlyList<string> tables, IDeviceRegistry? devices = null)
    : IPatientErasure
{
    public string Store => store;

    public static PostgresPatientErasure Directory(PostgresDatabase database, IDeviceRegistry devices) => new(
        "directory",
        database,
        [
            "DELETE FROM patients WHERE patient_id = @patient",
            "DELETE FROM alerts WHERE patient_id = @patient",
            "DELETE FROM notification_outbox WHERE patient_id = @patient",
            "DELETE FROM pairing_codes WHERE patient_id = @patient",
            "DELETE FROM retired_devices WHERE patient_id = @patient",
            "DELETE FROM care_handovers WHERE patient_id = @patient",
            "DELETE FROM patient_summaries WHERE patient_id = @patient",
            "DELETE FROM fhir_push_outbox WHERE patient_id = @patient",
            "DELETE FROM fhir_subscriptions WHERE patient_id = @patient",
            $"DELETE FROM protocol_layers WHERE scope = '{ProtocolScopes.Patient(string.Empty)}' || @patient",
            $"DELETE FROM protocol_changes WHERE scope = '{ProtocolScopes.Patient(string.Empty)}' || @patient",
        ],
        ["patients", "device_bindings", "alerts", "notification_outbox", "pairing_codes", "retired_devices", "care_handovers", "patient_summaries", "fhir_push_outbox", "fhir_subscriptions", "protocol_layers", "protocol_changes"],
        devices);

    public static PostgresPatientErasure Measurements(PostgresDatabase database) =>
        new("measurements", database, ["DELETE FROM measurements WHERE patient_id = @patient"], ["measurements"]);

    public static PostgresPatientErasure GrainState(PostgresDatabase database) =>
        new("grain-state", database, ["DELETE FROM grain_state WHERE strpos(grain_id, @patient) > 0"], ["grain_state"]);

    public static PostgresPatientErasure Reminders(PostgresDatabase database) =>
        new("reminders", database, ["DELETE FROM reminders WHERE strpos(grain_id, @patient) > 0"], ["reminders"]);

    public async Task<long> EraseAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        long removed = devices is null ? 0 : await devices.UnbindPatientAsync(patientId, cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var statement in statements)
            {
                await using var command = new NpgsqlCommand(statement, connection, transaction);
                command.Parameters.AddWithValue("patient", patientId);
                removed += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (removed > 0)
        {
            await using var vacuum = new NpgsqlCommand($"VACUUM {string.Join(", ", tables)}", connection);
            await vacuum.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }
}
