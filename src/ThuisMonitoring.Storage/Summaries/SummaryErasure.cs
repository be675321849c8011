using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Storage.Privacy;

namespace ThuisMonitoring.Storage.Summaries;

/// <summary>
/// The read model's part of an erasure (store <c>summaries</c>): the patient's row goes from <c>summaries.db</c>
/// (<see cref="FileErasure"/>, securely deleted and vacuumed) and then from the in-memory copy, which takes the file's
/// state again whether the erasure succeeded or failed part-way.
/// </summary>
internal sealed class SummaryErasure(SqlitePatientSummaries summaries) : IPatientErasure
{
    private readonly FileErasure _file = new("summaries", () => summaries.Database, "patient_summaries", "patient_id = $patientId", vacuum: true);

    public string Store => _file.Store;

    public async Task<long> EraseAsync(string patientId, CancellationToken cancellationToken)
    {
        try
        {
            return await _file.EraseAsync(patientId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            summaries.Reread(patientId);
        }
    }
}
