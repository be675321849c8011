using Xunit.Abstractions;
using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Privacy;

/// <summary>
/// Erasure on request under four eyes: requested by one admin or privacy officer, approved by another, then the
/// patient's data is gone from every store and every data file; the audit trail keeps the steps with both actors.
/// </summary>
[Collection(PrivacySiteCollection.Name)]
public sealed class ErasureTests(PrivacySite site, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(site.Host, output);

    [Fact]
    public async Task The_requester_cannot_approve_their_own_erasure_and_nothing_is_erased()
    {
        var patient = await site.Ward.AdmitAsync();
        var (officer, officerClient) = await site.HireAsync("privacy-officer");
        using var request = await officerClient.PostAsJsonAsync($"/api/patients/{patient.PatientId}/erasure", new { reason = "Verzoek van patiënt (brief 12-3)" });
        var requested = await PrivacyViews.ReadAsync<ErasureView>(request, HttpStatusCode.Accepted);
        requested.Status.Should().Be("requested");
        requested.RequestedBy.Should().Be(officer.Username);

        using var own = await officerClient.PostAsync($"/api/erasures/{requested.ErasureId}/approve", null);

        own.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        own.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await own.Content.ReadFromJsonAsync<ProblemView>())!.Detail.Should().Contain("four eyes");
        (await site.Ward.PatientAsync(patient.PatientId)).Name.Should().Be(patient.Name);
        var listed = await officerClient.GetFromJsonAsync<List<ErasureView>>("/api/erasures");
        listed.Should().ContainSingle(e => e.ErasureId == requested.ErasureId).Which.Status.Should().Be("requested");
        var reads = await site.Ward.Admin.GetFromJsonAsync<Audit.AuditPageView>($"/api/audit?user={officer.Username}&pageSize=500");
        reads!.Records.Should().Contain(r => r.Resource == "erasure" && r.Action == "read" && r.Purpose == "privacy-review" && r.PatientId == null);
    }

    [Fact]
    public async Task Only_admins_and_privacy_officers_request_erasure_and_a_rejected_request_erases_nothing()
    {
        var patient = await site.Ward.AdmitAsync();
        var (_, nurse) = await site.HireAsync("nurse");
        var (_, officer) = await site.HireAsync("privacy-officer");

        using var byNurse = await nurse.PostAsJsonAsync($"/api/patients/{patient.PatientId}/erasure", new { reason = "test" });
        using var noReason = await officer.PostAsJsonAsync($"/api/patients/{patient.PatientId}/erasure", new { });
        using var request = await officer.PostAsJsonAsync($"/api/patients/{patient.PatientId}/erasure", new { reason = "Verzoek" });
        var requested = await PrivacyViews.ReadAsync<ErasureView>(request, HttpStatusCode.Accepted);
        using var twice = await officer.PostAsJsonAsync($"/api/patients/{patient.PatientId}/erasure", new { reason = "Nog eens" });
        using var reject = await site.Ward.Admin.PostAsJsonAsync($"/api/erasures/{requested.ErasureId}/reject", new { reason = "Bewaarplicht WGBO" });
        using var approveRejected = await site.Ward.Admin.PostAsync($"/api/erasures/{requested.ErasureId}/approve", null);

        byNurse.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        noReason.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        twice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await PrivacyViews.ReadAsync<ErasureView>(reject, HttpStatusCode.OK)).Status.Should().Be("rejected");
        approveRejected.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await site.Ward.PatientAsync(patient.PatientId)).Name.Should().Be(patient.Name);
    }

    [Fact]
    public async Task After_approval_by_another_person_nothing_of_the_patient_remains_and_the_device_cannot_connect()
    {
        var patient = await site.Ward.AdmitAsync();
        using var clinician = await site.Ward.SignInAsync(patient.Clinician);
        await FillEveryStoreAsync(patient, clinician);
        DataFiles.Containing(site.Host.DataDirectory, patient.PatientId).Should().NotBeEmpty("the patient's data is in the files before the erasure");
        var (requester, requesterClient) = await site.HireAsync("privacy-officer");
        var (approver, approverClient) = await site.HireAsync("privacy-officer");
        using var request = await requesterClient.PostAsJsonAsync($"/api/patients/{patient.PatientId}/erasure", new { reason = "Verzoek van patiënt" });
        var requested = await PrivacyViews.ReadAsync<ErasureView>(request, HttpStatusCode.Accepted);

        using var approve = await approverClient.PostAsync($"/api/erasures/{requested.ErasureId}/approve", null);

        var done = await PrivacyViews.ReadAsync<ErasureView>(approve, HttpStatusCode.OK);
        done.Status.Should().Be("carried-out");
        done.DecidedBy.Should().Be(approver.Username);
        done.Removed!["measurements"].Should().BeGreaterThan(0);
        done.Removed!["timeline"].Should().BeGreaterThan(0, "the alert's steps, the call and the note were in the timeline store");
        using var read = await site.Ward.Admin.GetAsync($"/api/patients/{patient.PatientId}");
        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await site.Ward.AlertsOfAsync(patient.PatientId)).Should().BeEmpty();
        using var escalations = await clinician.GetAsync("/api/escalations");
        (await escalations.Content.ReadAsStringAsync()).Should().NotContain(patient.PatientId);

        // Not in any data file: only the audit trail and the erasure register keep the pseudonymous id; the name nowhere.
        DataFiles.Containing(site.Host.DataDirectory, patient.PatientId, "audit.db", "privacy.db").Should().BeEmpty();
        DataFiles.Containing(site.Host.DataDirectory, patient.Name).Should().BeEmpty();

        var connect = await site.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Green(Measurement.NewMessageId()));
        connect.ExitCode.Should().NotBe(0, connect.ToString());
        connect.ConnAckCode.Should().NotBe(0, connect.ToString());

        var audit = await PrivacySite.AuditOfAsync(site.Ward.Admin, patient.PatientId);
        audit.Should().ContainSingle(r => r.Resource == "erasure" && r.Action == "create" && r.Actor == requester.Username && r.Purpose == "erasure");
        audit.Should().ContainSingle(r => r.Resource == "erasure" && r.Action == "update" && r.Actor == approver.Username && r.Purpose == "erasure");
        audit.Should().ContainSingle(r => r.Resource == "patient" && r.Action == "delete" && r.Actor == approver.Username && r.Purpose == "erasure");
        audit.Should().Contain(r => r.Resource == "patient" && r.Action == "create", "the trail itself is not erased (NEN 7513)");
    }

    /// <summary>Measurements, an urgent alert escalated by a call (alert index, outbox), a note, a patient protocol layer.</summary>
    private async Task FillEveryStoreAsync(AdmittedPatient patient, HttpClient clinician)
    {
        // Enough samples that index pages split (and keep stale copies of moved entries in their free space).
        var streamStart = DateTimeOffset.UtcNow.AddMinutes(-10);
        // The last 100 s at SpO2 88: a red that held its whole window (a stream's samples are never spot checks).
        var stream = Enumerable.Range(0, 500).Select(i => Measurement.Json(Measurement.NewMessageId(), spo2: i < 400 ? 96 : 88, heartRate: 70, measuredAt: streamStart.AddSeconds(i)));
        var sent = await site.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, "[" + string.Join(",", stream) + "]");
        sent.PubAckReasonCodes.Should().Equal([0], sent.ToString());
        var published = await site.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(Measurement.NewMessageId(), spo2: 88, oxygenFlow: 2.0, measuredAt: streamStart.AddSeconds(500)));
        published.ExitCode.Should().Be(0, published.ToString());
        var open = await Eventually.GetAsync(
            () => site.Ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Any(x => x.Level == "urgent"), TimeSpan.FromSeconds(20), "an open urgent alert");
        using var call = await site.Ward.Admin.PostAsJsonAsync($"/api/alerts/{open[0].AlertId}/calls", new { outcome = "escalated", note = "Graag beoordelen" });
        await Ward.ExpectAsync(call, HttpStatusCode.OK);
        using var note = await site.Ward.Admin.PostAsJsonAsync($"/api/patients/{patient.PatientId}/notes", new { text = $"Gebeld met {patient.Name}" });
        await Ward.ExpectAsync(note, HttpStatusCode.Created);
        using var layer = await clinician.PutAsJsonAsync($"/api/patients/{patient.PatientId}/protocol", new { weaning = new { spo2AtLeast = 95 } });
        await Ward.ExpectAsync(layer, HttpStatusCode.OK);
    }

    public void Dispose() => _log.Dispose();
}
