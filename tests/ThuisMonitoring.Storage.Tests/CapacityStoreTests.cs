using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Capacity;
using ThuisMonitoring.Domain.Capacity;
using ThuisMonitoring.Domain.DistrictNursing;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// The capacity registers (centre settings, district-nursing teams, intake requests), for the embedded file and for
/// the cluster's PostgreSQL: read back whole, newest first, across a restart, and erased with the patient.
/// </summary>
public abstract class CapacityStoreContract(IStoreSite site) : StoreContract(site)
{
    [Fact]
    public async Task A_centre_without_settings_has_the_defaults_and_saved_settings_survive_a_restart()
    {
        var settings = new CentreSettings("centre-1", new CapacityThresholds(100, 180),
            new EquipmentStock(40, 12, Ward.MorningRound, "admin"), new EquipmentStock(80, 30, Ward.MorningRound, "admin"));
        await using (var stores = await OpenAsync())
        {
            (await Capacity(stores).GetAsync("centre-1", default)).Should().Be(CentreSettings.DefaultFor("centre-1"));
            await Capacity(stores).SaveAsync(settings, default);
            await Capacity(stores).SaveAsync(settings with { Thresholds = new CapacityThresholds(120, 190) }, default);
        }

        await using var restarted = await OpenAsync();
        (await Capacity(restarted).GetAsync("centre-1", default)).Should().BeEquivalentTo(settings with { Thresholds = new CapacityThresholds(120, 190) });
        (await Capacity(restarted).GetAsync("centre-2", default)).Thresholds.Should().Be(CapacityThresholds.Default);
    }

    [Fact]
    public async Task Teams_are_listed_by_id_with_their_lights_and_a_saved_team_replaces_its_record()
    {
        await using var stores = await OpenAsync();
        var light = new TeamLight(PartOfDay.Morning, Level.Green, "Ruimte", Ward.MorningRound, "coordinator");
        await Teams(stores).SaveTeamAsync(new DistrictTeam("team-b", "wijk-zuid", "Zuid", ["1071"], [light]), default);
        await Teams(stores).SaveTeamAsync(new DistrictTeam("team-a", "wijk-noord", "Noord", ["1021", "1022"], []), default);
        await Teams(stores).SaveTeamAsync(new DistrictTeam("team-b", "wijk-zuid", "Zuid", ["1071"], [light with { Level = Level.Red }]), default);

        (await Teams(stores).ListTeamsAsync(default)).Select(t => t.TeamId).Should().Equal("team-a", "team-b");
        var team = await Teams(stores).GetTeamAsync("team-b", default);
        team!.Lights.Should().ContainSingle().Which.Level.Should().Be(Level.Red);
        team.Postcodes.Should().Equal("1071");
        (await Teams(stores).GetTeamAsync("team-x", default)).Should().BeNull();
    }

    [Fact]
    public async Task Intake_requests_are_found_by_patient_and_by_the_teams_organisation_newest_first_and_erased_with_the_patient()
    {
        await using var stores = await OpenAsync();
        var first = new IntakeRequest("i-1", "p-001", "team-a", "wijk-noord", "Zuurstof afbouwen", "nurse.jansen", Ward.MorningRound);
        var second = new IntakeRequest("i-2", "p-001", "team-b", "wijk-zuid", "Wondzorg", "nurse.jansen", Ward.MorningRound.AddHours(1));
        var other = new IntakeRequest("i-3", "p-002", "team-a", "wijk-noord", "Medicatie", "nurse.jansen", Ward.MorningRound.AddHours(2));
        foreach (var intake in new[] { first, second, other })
        {
            await Teams(stores).SaveIntakeAsync(intake, default);
        }

        var accepted = first.Answer(accept: true, "coordinator", "Morgen", Ward.MorningRound.AddHours(3));
        await Teams(stores).SaveIntakeAsync(accepted, default);

        (await Teams(stores).ListIntakeForPatientAsync("p-001", default)).Select(i => i.IntakeId).Should().Equal("i-2", "i-1");
        (await Teams(stores).ListIntakeForOrganisationAsync("wijk-noord", default)).Select(i => i.IntakeId).Should().Equal("i-3", "i-1");
        (await Teams(stores).ListIntakeAsync(2, default)).Select(i => i.IntakeId).Should().Equal("i-3", "i-2");
        (await Teams(stores).GetIntakeAsync("i-1", default)).Should().BeEquivalentTo(accepted);

        var erasure = stores.Services.GetServices<Abstractions.Privacy.IPatientErasure>().Single(e => e.Store == "intake");
        (await erasure.EraseAsync("p-001", default)).Should().Be(2);
        (await Teams(stores).ListIntakeAsync(10, default)).Select(i => i.IntakeId).Should().Equal("i-3");
    }

    private static ICapacityRegister Capacity(IStores stores) => stores.Services.GetRequiredService<ICapacityRegister>();

    private static IDistrictTeamRegister Teams(IStores stores) => stores.Services.GetRequiredService<IDistrictTeamRegister>();
}

public sealed class SqliteCapacityStoreTests() : CapacityStoreContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresCapacityStoreTests(PostgresCluster cluster) : CapacityStoreContract(new PostgresSite(cluster));
