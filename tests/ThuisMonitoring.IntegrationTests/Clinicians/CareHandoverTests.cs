using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Calls;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Clinicians;

/// <summary>
/// Warm handover of responsibility (CONTRACT section 7) on the real host: pending until the receiver accepts; the
/// escalations go to the sender before and to the receiver after; only the receiver decides; the former clinician
/// loses access.
/// </summary>
[Collection(CallCentreCollection.Name)]
public sealed class CareHandoverTests(CallCentre centre, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(centre.Host, output);

    [Fact]
    public async Task Responsibility_moves_only_when_the_receiver_accepts_and_the_escalations_follow_it()
    {
        var (patient, firstAlert) = await centre.UrgentAlertAsync();
        var receiver = await centre.Ward.HireAsync("clinician");
        var bystander = await centre.Ward.HireAsync("clinician");
        var nurse = await centre.Ward.HireAsync("nurse");
        using var sender = await centre.Ward.SignInAsync(patient.Clinician);
        using var receiving = await centre.Ward.SignInAsync(receiver);
        using var other = await centre.Ward.SignInAsync(bystander);
        using var nurseClient = await centre.Ward.SignInAsync(nurse);

        using var byNurse = await nurseClient.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = receiver.Username });
        byNurse.StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the responsible clinician hands over");
        using var toNurse = await sender.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = nurse.Username });
        toNurse.StatusCode.Should().Be(HttpStatusCode.BadRequest, "responsibility goes to a clinician");

        using var request = await sender.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = receiver.Username, note = "Stabiel, afbouwen via huisarts" });
        var pending = await CallCentreHost.ReadAsync<HandoverView>(request, HttpStatusCode.Accepted);

        pending.Status.Should().Be("pending");
        pending.Summary.Name.Should().Be(patient.Name);
        pending.Summary.Oxygen.Current.Should().Be(2.0);
        pending.Summary.Trends.Should().Contain(t => t.Sign == "spo2" && t.Min == 88);
        pending.Summary.Alerts.Should().Contain(a => a.AlertId == firstAlert);
        using var second = await sender.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = bystander.Username });
        second.StatusCode.Should().Be(HttpStatusCode.Conflict, "one handover waits at a time");
        (await receiving.GetAsync($"/api/patients/{patient.PatientId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "pending: not the receiver's patient yet");
        (await sender.GetAsync($"/api/patients/{patient.PatientId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        var inbox = (await receiving.GetFromJsonAsync<List<HandoverView>>("/api/care-handovers?status=pending"))!;
        inbox.Should().ContainSingle(h => h.HandoverId == pending.HandoverId).Which.Summary.PatientId.Should().Be(patient.PatientId);

        using (var escalate = await nurseClient.PostAsJsonAsync($"/api/alerts/{firstAlert}/calls", new { outcome = "escalated", note = "voor de handover" }))
        {
            await Ward.ExpectAsync(escalate, HttpStatusCode.OK);
        }

        var before = await centre.DeliveredAsync(n => n.AlertId == firstAlert && n.Kind == "escalation", "the escalation before the handover");
        before.Recipient.Should().Be(patient.Clinician.Username, "until accepted the sender stays responsible");

        var accept = $"/api/patients/{patient.PatientId}/handover/{pending.HandoverId}/accept";
        (await sender.PostAsJsonAsync(accept, new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the sender does not accept their own handover");
        (await nurseClient.PostAsJsonAsync(accept, new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await other.PostAsJsonAsync(accept, new { })).StatusCode.Should().Be(HttpStatusCode.NotFound, "another clinician does not even see it");

        using var accepted = await receiving.PostAsJsonAsync(accept, new { note = "Neem het over" });
        var decided = await CallCentreHost.ReadAsync<HandoverView>(accepted, HttpStatusCode.OK);

        decided.Status.Should().Be("accepted");
        decided.DecisionNote.Should().Be("Neem het over");
        (await sender.GetAsync($"/api/patients/{patient.PatientId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the former clinician loses access");
        var now = (await receiving.GetFromJsonAsync<PatientView>($"/api/patients/{patient.PatientId}"))!;
        now.ResponsibleClinician.Should().Be(receiver.Username);
        (await receiving.PostAsJsonAsync(accept, new { })).StatusCode.Should().Be(HttpStatusCode.Conflict, "decided once");
        var waiting = (await receiving.GetFromJsonAsync<List<CallAlertView>>("/api/escalations?status=pending"))!;
        waiting.Should().Contain(a => a.AlertId == firstAlert, "the escalation still waiting moved to the new responsible clinician");
        var timeline = (await receiving.GetFromJsonAsync<List<TimelineEntryView>>($"/api/patients/{patient.PatientId}/timeline"))!;
        timeline.Select(e => e.Kind).Should().Contain(["care-handover-requested", "care-handover-accepted"]);

        using (var takeOver = await receiving.PostAsJsonAsync($"/api/alerts/{firstAlert}/escalation/accept", new { }))
        {
            await Ward.ExpectAsync(takeOver, HttpStatusCode.OK);
        }

        await centre.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(Measurement.NewMessageId(), spo2: 87, oxygenFlow: 2.0));
        var open = await Eventually.GetAsync(
            () => centre.Ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Any(x => x.AlertId != firstAlert), null, "a new alert after the handover");
        var secondAlert = open.First(a => a.AlertId != firstAlert).AlertId;
        using (var escalate = await nurseClient.PostAsJsonAsync($"/api/alerts/{secondAlert}/calls", new { outcome = "escalated" }))
        {
            await Ward.ExpectAsync(escalate, HttpStatusCode.OK);
        }

        var after = await centre.DeliveredAsync(n => n.AlertId == secondAlert && n.Kind == "escalation", "the escalation after the handover");
        after.Recipient.Should().Be(receiver.Username, "after acceptance the receiver is responsible");
    }

    [Fact]
    public async Task A_declined_handover_leaves_the_sender_responsible_and_a_new_one_can_follow()
    {
        var patient = await centre.Ward.AdmitAsync();
        var receiver = await centre.Ward.HireAsync("clinician");
        using var sender = await centre.Ward.SignInAsync(patient.Clinician);
        using var receiving = await centre.Ward.SignInAsync(receiver);
        using var request = await sender.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = receiver.Username });
        var pending = await CallCentreHost.ReadAsync<HandoverView>(request, HttpStatusCode.Accepted);

        using var declined = await receiving.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover/{pending.HandoverId}/decline", new { note = "Geen plek in de praktijk" });
        var decided = await CallCentreHost.ReadAsync<HandoverView>(declined, HttpStatusCode.OK);

        decided.Status.Should().Be("declined");
        (await centre.Ward.PatientAsync(patient.PatientId)).ResponsibleClinician.Should().Be(patient.Clinician.Username);
        (await receiving.GetAsync($"/api/patients/{patient.PatientId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await receiving.GetFromJsonAsync<List<HandoverView>>("/api/care-handovers?status=pending"))!.Should().BeEmpty();
        using var again = await sender.PostAsJsonAsync($"/api/patients/{patient.PatientId}/handover", new { to = receiver.Username });
        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    public void Dispose() => _log.Dispose();
}

public sealed record HandoverView(string HandoverId, string PatientId, string From, string To, string Status, string? Note, string? DecisionNote, SummaryView Summary);

public sealed record SummaryView(string PatientId, string Name, OxygenView Oxygen, IReadOnlyList<TrendView> Trends, IReadOnlyList<SummaryAlertView> Alerts);

public sealed record OxygenView(double AtEnrolment, double Current);

public sealed record TrendView(string Sign, long Count, double? Min, double? Max);

public sealed record SummaryAlertView(string AlertId, string Level, string Status);
