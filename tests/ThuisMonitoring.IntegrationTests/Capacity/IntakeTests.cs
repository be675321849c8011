using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using ThuisMonitoring.IntegrationTests.Audit;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Capacity;

/// <summary>
/// Issue 16 item 2: district-nursing teams keep their light per part of the day; staff who see a patient find the
/// teams serving the patient's postcode and send an intake request, which the team accepts or declines. A team sees
/// only the requests sent to it; request and answer land in the patient's timeline; everything is audited.
/// </summary>
[Collection(CapacityHostCollection.Name)]
public sealed class IntakeTests(CapacityHost site)
{
    [Fact]
    public async Task A_coordinator_keeps_the_teams_light_per_part_of_the_day_and_staff_find_the_team_by_postcode()
    {
        var (organisation, coordinator) = await DistrictNursingAsync();
        var (_, stranger) = await DistrictNursingAsync();
        var teamId = Ward.Unique("team");
        var area = NewArea();
        using var coordinatorApi = await site.Ward.SignInAsync(coordinator);
        using var strangerApi = await site.Ward.SignInAsync(stranger);
        var centre = await site.CentreAsync();
        using var nurseApi = await site.Ward.SignInAsync(await site.HireAsync("nurse", centre.Centre));

        (await PutLightAsync(coordinatorApi, teamId, organisation, area, "morning", "green")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var evening = await PutLightAsync(coordinatorApi, teamId, organisation, area, "evening", "red", note: "Geen ruimte tot vrijdag");
        evening.StatusCode.Should().Be(HttpStatusCode.OK);
        (await PutLightAsync(strangerApi, teamId, organisation, area, "night", "green")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "another organisation's coordinator");
        (await PutLightAsync(nurseApi, teamId, organisation, area, "night", "green")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a nurse keeps no team's light");

        var found = (await nurseApi.GetFromJsonAsync<List<TeamView>>($"/api/capacity/teams?postcode={area}%20AB"))!;
        var team = found.Should().ContainSingle(t => t.TeamId == teamId).Subject;
        team.Lights.Keys.Should().BeEquivalentTo(["morning", "evening"]);
        team.Lights["evening"].Should().Match<TeamLightView>(l => l.Level == "red" && l.Note == "Geen ruimte tot vrijdag" && l.SetBy == coordinator.Username);
        (await nurseApi.GetFromJsonAsync<List<TeamView>>($"/api/capacity/teams?postcode={int.Parse(area) + 1}"))!.Should().NotContain(t => t.TeamId == teamId);
        using var badPostcode = await nurseApi.GetAsync("/api/capacity/teams?postcode=abc");
        badPostcode.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_intake_request_is_accepted_or_declined_by_the_team_it_was_sent_to_and_lands_in_the_timeline()
    {
        var (organisation, coordinator) = await DistrictNursingAsync();
        var (otherOrganisation, otherCoordinator) = await DistrictNursingAsync();
        using var coordinatorApi = await site.Ward.SignInAsync(coordinator);
        using var otherApi = await site.Ward.SignInAsync(otherCoordinator);
        var area = NewArea();
        var teamId = Ward.Unique("team");
        var otherTeamId = Ward.Unique("team");
        (await PutLightAsync(coordinatorApi, teamId, organisation, area, "morning", "green")).EnsureSuccessStatusCode();
        (await PutLightAsync(otherApi, otherTeamId, otherOrganisation, area, "morning", "orange")).EnsureSuccessStatusCode();
        var centre = await site.CentreAsync();
        using var nurseApi = await site.Ward.SignInAsync(await site.HireAsync("nurse", centre.Centre));
        var patient = await centre.EnrolAsync(address: $"Dorpsstraat 1, {area} AB Rijnstad");
        var secondPatient = await centre.EnrolAsync();

        var requested = await RequestAsync(nurseApi, patient.PatientId, teamId, "Wondzorg en hulp bij douchen, vanaf morgen");
        requested.Status.Should().Be("requested");
        requested.Postcode.Should().Be(area);
        var toOther = await RequestAsync(nurseApi, secondPatient.PatientId, otherTeamId, "Medicatie");

        // A team sees only the requests sent to it.
        var inbox = (await coordinatorApi.GetFromJsonAsync<List<IntakeView>>("/api/intake"))!;
        inbox.Select(i => i.IntakeId).Should().Contain(requested.IntakeId).And.NotContain(toOther.IntakeId);
        (await otherApi.GetFromJsonAsync<List<IntakeView>>("/api/intake"))!.Select(i => i.IntakeId).Should().Contain(toOther.IntakeId).And.NotContain(requested.IntakeId);
        using (var notTheirs = await otherApi.PostAsJsonAsync($"/api/intake/{requested.IntakeId}/accept", new { }))
        {
            notTheirs.StatusCode.Should().Be(HttpStatusCode.NotFound, "another team's request is hidden");
        }

        using (var byNurse = await nurseApi.PostAsJsonAsync($"/api/intake/{requested.IntakeId}/accept", new { }))
        {
            byNurse.StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the team answers");
        }

        using (var patientRead = await coordinatorApi.GetAsync($"/api/patients/{patient.PatientId}"))
        {
            patientRead.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the request shows the team nothing else of the patient");
        }

        var accepted = await AnswerAsync(coordinatorApi, requested.IntakeId, "accept", "Start morgenochtend");
        accepted.Should().Match<IntakeView>(i => i.Status == "accepted" && i.AnsweredBy == coordinator.Username && i.AnswerNote == "Start morgenochtend");
        using (var again = await coordinatorApi.PostAsJsonAsync($"/api/intake/{requested.IntakeId}/decline", new { }))
        {
            again.StatusCode.Should().Be(HttpStatusCode.Conflict, "a request is answered once");
        }

        var declined = await AnswerAsync(otherApi, toOther.IntakeId, "decline", "Geen ruimte");
        declined.Status.Should().Be("declined");

        // The sender sees the answers; the timelines carry request and answer.
        var ofPatient = (await nurseApi.GetFromJsonAsync<List<IntakeView>>($"/api/patients/{patient.PatientId}/intake"))!;
        ofPatient.Should().ContainSingle().Which.Status.Should().Be("accepted");
        var timeline = (await nurseApi.GetFromJsonAsync<List<TimelineView>>($"/api/patients/{patient.PatientId}/timeline"))!;
        timeline.Where(e => e.Kind.StartsWith("intake-", StringComparison.Ordinal)).Select(e => (e.Kind, e.By, e.Text))
            .Should().Equal(("intake-accepted", coordinator.Username, "Start morgenochtend"), ("intake-requested", requested.RequestedBy, "Wondzorg en hulp bij douchen, vanaf morgen"));
        var secondTimeline = (await nurseApi.GetFromJsonAsync<List<TimelineView>>($"/api/patients/{secondPatient.PatientId}/timeline"))!;
        secondTimeline.Select(e => e.Kind).Should().Contain(["intake-requested", "intake-declined"]);

        // Audited: the request, the team's reads and its answer.
        var audit = (await site.Ward.Admin.GetFromJsonAsync<AuditPageView>($"/api/audit?patient={patient.PatientId}&pageSize=500"))!.Records;
        audit.Where(r => r.Resource == "intake").Select(r => (r.Actor, r.Action))
            .Should().Contain([(requested.RequestedBy, "create"), (coordinator.Username, "read"), (coordinator.Username, "update")]);
    }

    [Fact]
    public async Task Only_staff_who_see_the_patient_send_an_intake_request_and_the_team_must_exist()
    {
        var (organisation, coordinator) = await DistrictNursingAsync();
        using var coordinatorApi = await site.Ward.SignInAsync(coordinator);
        var teamId = Ward.Unique("team");
        (await PutLightAsync(coordinatorApi, teamId, organisation, NewArea(), "afternoon", "green")).EnsureSuccessStatusCode();
        var centre = await site.CentreAsync();
        var other = await site.CentreAsync();
        var patient = await centre.EnrolAsync();
        using var otherNurse = await site.Ward.SignInAsync(await site.HireAsync("nurse", other.Centre));
        using var ownNurse = await site.Ward.SignInAsync(await site.HireAsync("nurse", centre.Centre));

        using var hidden = await otherNurse.PostAsJsonAsync($"/api/patients/{patient.PatientId}/intake", new { teamId, need = "Wondzorg" });
        using var noTeam = await ownNurse.PostAsJsonAsync($"/api/patients/{patient.PatientId}/intake", new { teamId = "bestaat-niet", need = "Wondzorg" });
        using var noNeed = await ownNurse.PostAsJsonAsync($"/api/patients/{patient.PatientId}/intake", new { teamId, need = " " });
        using var byCoordinator = await coordinatorApi.PostAsJsonAsync($"/api/patients/{patient.PatientId}/intake", new { teamId, need = "Wondzorg" });

        hidden.StatusCode.Should().Be(HttpStatusCode.NotFound);
        noTeam.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        noNeed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        byCoordinator.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await otherNurse.GetFromJsonAsync<List<IntakeView>>("/api/intake"))!.Should().NotContain(i => i.PatientId == patient.PatientId);
    }

    [Fact]
    public async Task A_team_coordinator_belongs_to_a_district_nursing_organisation()
    {
        var centre = await site.CentreAsync();
        using var wrongKind = await site.Ward.Admin.PostAsJsonAsync("/api/users",
            new { username = Ward.Unique("coord"), password = Ward.StaffPassword, role = "team-coordinator", displayName = "X", organisation = centre.Hospital });
        using var none = await site.Ward.Admin.PostAsJsonAsync("/api/users",
            new { username = Ward.Unique("coord"), password = Ward.StaffPassword, role = "team-coordinator", displayName = "X" });

        wrongKind.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        none.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private async Task<(string Organisation, StaffMember Coordinator)> DistrictNursingAsync()
    {
        var organisation = Ward.Unique("wijkzorg");
        await RegionSetup.OrganisationAsync(site.Ward.Admin, organisation, "district-nursing");
        return (organisation, await site.HireAsync("team-coordinator", organisation));
    }

    private static string NewArea() => Random.Shared.Next(1000, 9998).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static Task<HttpResponseMessage> PutLightAsync(HttpClient client, string teamId, string organisation, string area, string partOfDay, string level, string? note = null) =>
        client.PutAsJsonAsync($"/api/capacity/teams/{teamId}", new { organisation, name = "Team " + teamId, postcodes = new[] { area }, partOfDay, level, note });

    private static async Task<IntakeView> RequestAsync(HttpClient client, string patientId, string teamId, string need)
    {
        using var response = await client.PostAsJsonAsync($"/api/patients/{patientId}/intake", new { teamId, need });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<IntakeView>())!;
    }

    private static async Task<IntakeView> AnswerAsync(HttpClient client, string intakeId, string answer, string note)
    {
        using var response = await client.PostAsJsonAsync($"/api/intake/{intakeId}/{answer}", new { note });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<IntakeView>())!;
    }
}

public sealed record TeamView(string TeamId, string Organisation, string Name, IReadOnlyList<string> Postcodes, IReadOnlyDictionary<string, TeamLightView> Lights);

public sealed record TeamLightView(string Level, string? Note, DateTimeOffset SetAt, string SetBy);

public sealed record IntakeView(
    string IntakeId, string PatientId, string PatientName, string? Address, string? Postcode, string TeamId, string TeamName, string TeamOrganisation,
    string Need, string Status, string RequestedBy, DateTimeOffset RequestedAt, string? AnsweredBy, DateTimeOffset? AnsweredAt, string? AnswerNote);

public sealed record TimelineView(string EntryId, DateTimeOffset At, string Kind, string? By, string? Text);
