using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Privacy;

/// <summary>
/// The patient's part of the directory file: the patient record (name, birth date, identifier, phone, consent),
/// device bindings, pairing codes and retired app credentials, care handovers, the alert index, the notification outbox (delivered notifications too: they carry the name's
/// context, reasons and notes), FHIR pushes and subscriptions of the patient, and the patient's protocol layer with its change log.
/// The patient directory's in-memory copy forgets the record with it.
/// </summary>
internal sealed class DirectoryErasure(SqliteDatabase database, IDeviceRegistry devices, Directory.SqlitePatientDirectory? patients = null) : IPatientErasure
{
    private static readonly string[] Statements =
    [
        "DELETE FROM patients WHERE patient_id = $patientId;",
        "DELETE FROM alerts WHERE patient_id = $patientId;",
        "DELETE FROM pairing_codes WHERE patient_id = $patientId;",
        "DELETE FROM retired_devices WHERE patient_id = $patientId;",
        // A handover's summary names the patient.
        "DELETE FROM care_handovers WHERE patient_id = $patientId;",
        // The outbox keeps the notification as a document; the patient id is in it, a 32-digit id no other text contains.
        "DELETE FROM notification_outbox WHERE instr(document, $patientId) > 0;",
        // FHIR pushes carry the Flag; a subscription to this one patient names it in its criteria.
        "DELETE FROM fhir_push_outbox WHERE instr(document, $patientId) > 0;",
        "DELETE FROM fhir_subscriptions WHERE instr(document, $patientId) > 0;",
        $"DELETE FROM protocol_layers WHERE scope = '{ProtocolScopes.Patient(string.Empty)}' || $patientId;",
        $"DELETE FROM protocol_changes WHERE scope = '{ProtocolScopes.Patient(string.Empty)}' || $patientId;",
    ];

    public string Store => "directory";

    public async Task<long> EraseAsync(string patientId, CancellationToken cancellationToken)
    {
        database.EnsureSchema(Subscriptions.FhirSubscriptionSchema.Sql);
        database.EnsureSchema(Handovers.SqliteCareHandoverRegister.Schema);

        // Through the registry, so its in-memory map forgets the devices at once.
        long removed = await devices.UnbindPatientAsync(patientId, cancellationToken).ConfigureAwait(false);
        try
        {
            removed += await SecureDeletion.DeleteAsync(database, patientId, Statements, cancellationToken).ConfigureAwait(false);
            await SecureDeletion.VacuumAsync(database, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The directory's in-memory copy takes what the file holds now, whether the erasure got through or not.
            patients?.Reread(patientId);
        }

        return removed;
    }
}
