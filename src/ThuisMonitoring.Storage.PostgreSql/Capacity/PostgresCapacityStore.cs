using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Capacity;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Domain.DistrictNursing;

namespace ThuisMonitoring.Storage.PostgreSql.Capacity;

/// <summary>
/// The capacity side of the cluster's database (schema 007): centre settings (<c>capacity_centres</c>), district-nursing
/// teams (<c>district_teams</c>) and intake requests (<c>intake_requests</c>), each row a JSON document, so every host
/// shows the same board, lights and requests. Intake requests are a patient's data and go with an erasure.
/// </summary>
internal sealed class PostgresCapacityStore(PostgresDatabase database, ILogger<PostgresCapacityStore> logger)
    : ICapacityRegister, IDistrictTeamRegister, IPatientErasure
{
    private const string NewestFirst = "ORDER BY requested_at_ticks DESC, intake_id COLLATE \"C\"";

    public string Store => "intake";

    public async Task<CentreSettings> GetAsync(string centre, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(centre);
        var found = await QueryAsync<CentreSettings>("SELECT document FROM capacity_centres WHERE centre = @value", centre, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? CentreSettings.DefaultFor(centre) : found[0];
    }

    public async Task SaveAsync(CentreSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await ExecuteAsync(
            "INSERT INTO capacity_centres (centre, document) VALUES (@a, @document) ON CONFLICT (centre) DO UPDATE SET document = excluded.document",
            [settings.Centre], settings, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Capacity settings of centre {Centre} stored", settings.Centre);
    }

    public async Task SaveTeamAsync(DistrictTeam team, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        await ExecuteAsync(
            """
            INSERT INTO district_teams (team_id, organisation, document) VALUES (@a, @b, @document)
            ON CONFLICT (team_id) DO UPDATE SET organisation = excluded.organisation, document = excluded.document
            """,
            [team.TeamId, team.Organisation], team, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("District-nursing team {TeamId} of {Organisation} stored", team.TeamId, team.Organisation);
    }

    public async Task<DistrictTeam?> GetTeamAsync(string teamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teamId);
        var found = await QueryAsync<DistrictTeam>("SELECT document FROM district_teams WHERE team_id = @value", teamId, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<DistrictTeam>> ListTeamsAsync(CancellationToken cancellationToken) =>
        QueryAsync<DistrictTeam>("SELECT document FROM district_teams ORDER BY team_id COLLATE \"C\"", null, cancellationToken);

    public async Task SaveIntakeAsync(IntakeRequest intake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intake);
        await ExecuteAsync(
            """
            INSERT INTO intake_requests (intake_id, patient_id, team_organisation, requested_at_ticks, document) VALUES (@a, @b, @c, @d, @document)
            ON CONFLICT (intake_id) DO UPDATE SET document = excluded.document
            """,
            [intake.IntakeId, intake.PatientId, intake.TeamOrganisation, intake.RequestedAt.UtcTicks], intake, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Intake request {IntakeId} of patient {PatientId} to team {TeamId} stored as {Status}",
            intake.IntakeId, intake.PatientId, intake.TeamId, intake.Status.ToCode());
    }

    public async Task<IntakeRequest?> GetIntakeAsync(string intakeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intakeId);
        var found = await QueryAsync<IntakeRequest>("SELECT document FROM intake_requests WHERE intake_id = @value", intakeId, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<IntakeRequest>> ListIntakeForPatientAsync(string patientId, CancellationToken cancellationToken) =>
        QueryAsync<IntakeRequest>($"SELECT document FROM intake_requests WHERE patient_id = @value {NewestFirst}", patientId, cancellationToken);

    public Task<IReadOnlyList<IntakeRequest>> ListIntakeForOrganisationAsync(string organisation, CancellationToken cancellationToken) =>
        QueryAsync<IntakeRequest>($"SELECT document FROM intake_requests WHERE team_organisation = @value {NewestFirst}", organisation, cancellationToken);

    public Task<IReadOnlyList<IntakeRequest>> ListIntakeAsync(int limit, CancellationToken cancellationToken) =>
        QueryAsync<IntakeRequest>($"SELECT document FROM intake_requests {NewestFirst} LIMIT {Math.Clamp(limit, 1, 10_000)}", null, cancellationToken);

    public async Task<long> EraseAsync(string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("DELETE FROM intake_requests WHERE patient_id = @patientId", connection);
        command.Parameters.AddWithValue("patientId", patientId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync<T>(string sql, object[] values, T document, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(((char)('a' + i)).ToString(), values[i]);
        }

        command.Parameters.Add(PostgresDocuments.Parameter("document", document));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, string? value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        if (value is not null)
        {
            command.Parameters.AddWithValue("value", value);
        }

        return await PostgresDocuments.ReadAllAsync<T>(command, cancellationToken).ConfigureAwait(false);
    }
}
