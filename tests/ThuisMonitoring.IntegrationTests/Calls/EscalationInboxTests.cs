using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Calls;

/// <summary>The clinician's side of an escalation: GET /api/escalations and POST /api/alerts/{id}/escalation/accept.</summary>
[Collection(CallCentreCollection.Name)]
public sealed class EscalationInboxTests(CallCentre centre, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(centre.Host, output);

    [Fact]
    public async Task An_escalation_reaches_only_its_clinician_who_takes_the_case_over_which_resolves_the_alert()
    {
        var (patient, alertId) = await centre.UrgentAlertAsync();
        var nurse = await centre.Ward.HireAsync("nurse");
        using var nurseClient = await centre.Ward.SignInAsync(nurse);
        using var escalate = await nurseClient.PostAsJsonAsync($"/api/alerts/{alertId}/calls", new { outcome = "escalated", note = "Graag beoordelen" });
        await Ward.ExpectAsync(escalate, HttpStatusCode.OK);
        using var clinician = await centre.Ward.SignInAsync(patient.Clinician);
        using var otherClinician = await centre.Ward.SignInAsync(await centre.Ward.HireAsync("clinician"));

        var inbox = (await clinician.GetFromJsonAsync<List<CallAlertView>>("/api/escalations?status=pending"))!;
        var others = (await otherClinician.GetFromJsonAsync<List<CallAlertView>>("/api/escalations"))!;
        var centreView = (await nurseClient.GetFromJsonAsync<List<CallAlertView>>("/api/escalations"))!;

        inbox.Should().ContainSingle().Which.AlertId.Should().Be(alertId);
        inbox[0].Escalation!.Should().BeEquivalentTo(new { To = patient.Clinician.Username, By = nurse.Username, Note = "Graag beoordelen", Status = "pending", Emergency = false });
        others.Should().NotContain(a => a.AlertId == alertId);
        centreView.Should().Contain(a => a.AlertId == alertId, "the centre sees every escalation");

        using var byOther = await otherClinician.PostAsJsonAsync($"/api/alerts/{alertId}/escalation/accept", new { });
        using var byNurse = await nurseClient.PostAsJsonAsync($"/api/alerts/{alertId}/escalation/accept", new { });
        byOther.StatusCode.Should().Be(HttpStatusCode.NotFound, "another clinician's patient is not theirs to see");
        byNurse.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var accept = await clinician.PostAsJsonAsync($"/api/alerts/{alertId}/escalation/accept", new { note = "Neem het over, bel zelf" });
        var accepted = await CallCentreHost.ReadAsync<CallAlertView>(accept, HttpStatusCode.OK);

        accepted.Status.Should().Be("resolved");
        accepted.ResolvedBy.Should().Be(patient.Clinician.Username);
        accepted.Escalation!.Status.Should().Be("accepted");
        accepted.Escalation.AcceptedBy.Should().Be(patient.Clinician.Username);
        accepted.Escalation.AcceptNote.Should().Be("Neem het over, bel zelf");
        (await clinician.GetFromJsonAsync<List<CallAlertView>>("/api/escalations?status=pending"))!.Should().BeEmpty();
        (await clinician.GetFromJsonAsync<List<CallAlertView>>("/api/escalations?status=accepted"))!.Should().ContainSingle(a => a.AlertId == alertId);
        using var again = await clinician.PostAsJsonAsync($"/api/alerts/{alertId}/escalation/accept", new { });
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        using var badStatus = await clinician.GetAsync("/api/escalations?status=lost");
        badStatus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Staff_are_listed_by_role_for_the_hand_over_picker()
    {
        var nurse = await centre.Ward.HireAsync("nurse");
        var clinician = await centre.Ward.HireAsync("clinician");
        using var client = await centre.Ward.SignInAsync(nurse);

        var nurses = (await client.GetFromJsonAsync<List<StaffView>>("/api/users?role=nurse"))!;
        var clinicians = (await client.GetFromJsonAsync<List<StaffView>>("/api/users?role=clinician"))!;
        using var patients = await client.GetAsync("/api/users?role=patient");

        nurses.Should().ContainEquivalentOf(new StaffView(nurse.Username, $"Test nurse {nurse.Username}", "nurse"));
        nurses.Should().OnlyContain(u => u.Role == "nurse");
        clinicians.Should().Contain(u => u.Username == clinician.Username).And.OnlyContain(u => u.Role == "clinician");
        patients.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    public void Dispose() => _log.Dispose();
}
