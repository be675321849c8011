using ThuisMonitoring.Abstractions.Capacity;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.DistrictNursing;
using ThuisMonitoring.Web.Access;

namespace ThuisMonitoring.Web.Capacity;

/// <summary>What the intake endpoints share: the registers, the grains, access, and one gate so a request is answered once.</summary>
public sealed class IntakeServices(IDistrictTeamRegister teams, IPatientDirectory patients, IGrainFactory grains, PatientAccess access, TimeProvider clock)
{
    public IDistrictTeamRegister Teams { get; } = teams;

    public IPatientDirectory Patients { get; } = patients;

    public IGrainFactory Grains { get; } = grains;

    public PatientAccess Access { get; } = access;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Answers are read, decided and written one at a time on this host.</summary>
    public SemaphoreSlim Answering { get; } = new(1, 1);

    /// <summary>The requests whose patient still exists and that <paramref name="visible"/> lets through, with names.</summary>
    public async Task<IReadOnlyList<IntakeDto>> PresentAsync(
        IReadOnlyList<IntakeRequest> requests, Func<IntakeRequest, PatientRecord, bool> visible, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(visible);
        var records = (await Patients.ListAsync(cancellationToken)).ToDictionary(p => p.PatientId, StringComparer.Ordinal);
        var names = (await Teams.ListTeamsAsync(cancellationToken)).ToDictionary(t => t.TeamId, t => t.Name, StringComparer.Ordinal);
        return [.. requests
            .Where(r => records.TryGetValue(r.PatientId, out var record) && visible(r, record))
            .Select(r => IntakeDto.From(r, records[r.PatientId], names.GetValueOrDefault(r.TeamId, r.TeamId)))];
    }
}
