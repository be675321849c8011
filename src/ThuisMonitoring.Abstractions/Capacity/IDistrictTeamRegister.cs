using ThuisMonitoring.Domain.DistrictNursing;

namespace ThuisMonitoring.Abstractions.Capacity;

/// <summary>Durable register of the district-nursing teams (with their lights) and the intake requests sent to them.</summary>
public interface IDistrictTeamRegister
{
    Task SaveTeamAsync(DistrictTeam team, CancellationToken cancellationToken);

    Task<DistrictTeam?> GetTeamAsync(string teamId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DistrictTeam>> ListTeamsAsync(CancellationToken cancellationToken);

    Task SaveIntakeAsync(IntakeRequest intake, CancellationToken cancellationToken);

    Task<IntakeRequest?> GetIntakeAsync(string intakeId, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<IntakeRequest>> ListIntakeForPatientAsync(string patientId, CancellationToken cancellationToken);

    /// <summary>The requests sent to the teams of <paramref name="organisation"/>, newest first.</summary>
    Task<IReadOnlyList<IntakeRequest>> ListIntakeForOrganisationAsync(string organisation, CancellationToken cancellationToken);

    /// <summary>Every request, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<IntakeRequest>> ListIntakeAsync(int limit, CancellationToken cancellationToken);
}
