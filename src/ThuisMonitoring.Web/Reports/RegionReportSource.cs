using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Reports;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Access;

namespace ThuisMonitoring.Web.Reports;

/// <summary>
/// Gathers the episodes a caller may count: the patients of the directory that the visibility rule lets them see
/// (and, for an organisation, that organisation's patients, or for a monitoring centre those of the organisations it
/// serves), each with the state changes, alerts and calls its grain holds.
/// </summary>
public sealed class RegionReportSource(IPatientDirectory patients, IGrainFactory grains)
{
    private const int ParallelReads = 16;

    public async Task<IReadOnlyList<ReportedEpisode>> EpisodesAsync(AccessScope scope, string? organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var clients = organisation is null ? [] : scope.Region.ClientsOf(organisation).ToHashSet(StringComparer.Ordinal);
        var records = (await patients.ListAsync(cancellationToken))
            .Where(r => scope.MaySee(r)
                && (organisation is null || string.Equals(r.Organisation, organisation, StringComparison.Ordinal)
                    || (r.Organisation is not null && clients.Contains(r.Organisation))))
            .ToList();

        var episodes = new ReportedEpisode?[records.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, records.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken },
            async (index, _) =>
            {
                var record = records[index];
                var snapshot = await grains.GetGrain<IPatientGrain>(record.PatientId).GetEpisode();
                episodes[index] = snapshot is null
                    ? null
                    : new ReportedEpisode(record.PatientId, snapshot.Enrolment.Pathway, snapshot.Enrolment.EnrolledAt, snapshot.Transitions ?? [], snapshot.Alerts);
            });
        return [.. episodes.OfType<ReportedEpisode>()];
    }
}
