using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Capacity;

/// <summary>
/// Issue 16: thresholds, equipment counts, teams with their lights and intake requests are in the SQLite directory
/// under Data:Directory and survive a restart of the host.
/// </summary>
[Collection(Durability.RestartCollection.Name)]
public sealed class CapacityRestartTests
{
    [Fact]
    public async Task Capacity_settings_teams_and_intake_requests_survive_a_restart()
    {
        string centre, organisation, teamId, intakeId, patientId;
        StaffMember coordinator;
        // The first host owns (and deletes on dispose) the data directory the second one reuses: disposed last.
        await using var first = await HostProcess.StartAsync();
        {
            using var ward = await Ward.OpenAsync(first);
            centre = ward.Centre;
            organisation = Ward.Unique("wijkzorg");
            await RegionSetup.OrganisationAsync(ward.Admin, organisation, "district-nursing");
            coordinator = new StaffMember(Ward.Unique("coord"), Ward.StaffPassword, "team-coordinator");
            (await ward.Admin.PostAsJsonAsync("/api/users", new { username = coordinator.Username, password = coordinator.Password, role = "team-coordinator", displayName = "Coördinator", organisation }))
                .StatusCode.Should().Be(HttpStatusCode.Created);
            (await ward.Admin.PutAsJsonAsync("/api/capacity/thresholds", new { centre, greenUpToPatientsPerNurse = 10, redAbovePatientsPerNurse = 20 })).EnsureSuccessStatusCode();
            (await ward.Admin.PutAsJsonAsync("/api/capacity/equipment", new { centre, concentratorsInStock = 7, metersInStock = 9 })).EnsureSuccessStatusCode();
            using var coordinatorApi = await first.LoginAsync(coordinator.Username, coordinator.Password);
            teamId = Ward.Unique("team");
            (await IntakeTests.PutLightAsync(coordinatorApi, teamId, organisation, "3511", "night", "orange", "Overleg")).EnsureSuccessStatusCode();
            patientId = (await ward.AdmitAsync()).PatientId;
            using var sent = await ward.Admin.PostAsJsonAsync($"/api/patients/{patientId}/intake", new { teamId, need = "Wondzorg" });
            sent.StatusCode.Should().Be(HttpStatusCode.Created);
            intakeId = (await sent.Content.ReadFromJsonAsync<IntakeView>())!.IntakeId;
            await first.StopAsync();
        }

        await using var second = await HostProcess.StartAsync(first.DataDirectory, HostPorts.Free());
        using var admin = await second.LoginAsync();
        var board = (await admin.GetFromJsonAsync<CapacityView>($"/api/capacity?centre={centre}"))!;
        board.Equipment.Should().Be(new EquipmentView(new(7, 0), new(9, 0)));
        var teams = (await admin.GetFromJsonAsync<List<TeamView>>("/api/capacity/teams?postcode=3511"))!;
        teams.Should().ContainSingle(t => t.TeamId == teamId).Which.Lights["night"].Should().Match<TeamLightView>(l => l.Level == "orange" && l.Note == "Overleg");
        using var coordinatorAgain = await second.LoginAsync(coordinator.Username, coordinator.Password);
        var inbox = (await coordinatorAgain.GetFromJsonAsync<List<IntakeView>>("/api/intake"))!;
        inbox.Should().ContainSingle().Which.Should().Match<IntakeView>(i => i.IntakeId == intakeId && i.PatientId == patientId && i.Status == "requested");
        var timeline = (await admin.GetFromJsonAsync<List<TimelineView>>($"/api/patients/{patientId}/timeline"))!;
        timeline.Should().Contain(e => e.Kind == "intake-requested");
    }
}
