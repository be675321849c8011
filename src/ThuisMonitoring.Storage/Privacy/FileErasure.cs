using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Storage.Measurements;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Privacy;

/// <summary>
/// The patient's rows in one table of one of the other SQLite files: measurements (<c>measurements.db</c>), the grain
/// state with the episode snapshot (<c>grain-state.db</c>; the grain clears its state first), the timelines (<c>timeline.db</c>), and
/// reminders (<c>reminders.db</c>). Grain ids contain the patient id (<c>patient/{id}</c>).
/// </summary>
internal sealed class FileErasure(
    string store, Func<SqliteDatabase> database, string table, string condition, bool vacuum, Action<long>? removedRows = null, string? alsoDelete = null)
    : IPatientErasure
{
    private readonly Lazy<SqliteDatabase> _database = new(database);

    /// <summary>The measurements' erasure: by the patient's index (a test checks its plan).</summary>
    internal const string MeasurementsCondition = $"patient_key = {MeasurementSchema.PatientKeyOf}";

    public string Store => store;

    public static FileErasure Measurements(Func<SqliteDatabase> database, Action<long> removedRows) =>
        // Vacuumed too: index pages that split while measurements came in keep stale copies of moved entries in their free
        // space, which secure_delete does not reach. On a file of gigabytes that takes minutes; erasures are rare.
        // By the patient's index (its key), then the key itself, in the same transaction: the key table holds the id. The
        // measurement writer sees that another connection committed and looks its keys up again (MeasurementStatements).
        new("measurements", database, "measurements", MeasurementsCondition, vacuum: true, removedRows,
            alsoDelete: "DELETE FROM patient_keys WHERE id = $patientId;");

    public static FileErasure GrainState(string path) =>
        new("grain-state", () => new SqliteDatabase(path), "grain_state", "instr(grain_id, $patientId) > 0", vacuum: true);

    public static FileErasure Reminders(string path) =>
        new("reminders", () => new SqliteDatabase(path), "reminders", "instr(grain_id, $patientId) > 0", vacuum: true);

    public async Task<long> EraseAsync(string patientId, CancellationToken cancellationToken)
    {
        var file = _database.Value;
        await using (var connection = await file.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $table;";
            exists.Parameters.AddWithValue("$table", table);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return 0;
            }
        }

        var removed = await SecureDeletion.DeleteAsync(
            file, patientId, [$"DELETE FROM {table} WHERE {condition};"], alsoDelete is null ? [] : [alsoDelete], cancellationToken).ConfigureAwait(false);
        removedRows?.Invoke(removed);
        if (vacuum)
        {
            await SecureDeletion.VacuumAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }
}
