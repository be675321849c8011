using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Audit;

/// <summary>
/// The SignalR hub: joining the live alert stream is recorded for the user (channel hub), and each push of a patient's
/// alert is recorded once for that patient (actor system, channel hub) before it is sent.
/// </summary>
[Collection(AuditSiteCollection.Name)]
public sealed class HubAuditTests(AuditSite site)
{
    [Fact]
    public async Task Joining_the_alert_stream_and_every_push_of_a_patients_alert_are_recorded_on_the_hub_channel()
    {
        var (nurse, _) = await site.HireAsync("nurse", AuditSite.CentreOrganisation);
        var token = await site.Host.GetTokenAsync(nurse.Username, nurse.Password);
        var pushed = new ConcurrentQueue<string>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(site.Host.BaseAddress, "/hubs/alerts"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        hub.On<JsonElement>("alertChanged", alert => pushed.Enqueue(alert.GetProperty("patientId").GetString()!));
        await hub.StartAsync();

        // The server runs OnConnectedAsync after the handshake the client's StartAsync waits for.
        var stream = await Eventually.GetAsync(() => site.RecordsOfAsync(nurse.Username), r => r.Count > 0, null, "the stream joined");
        var joined = stream.Should().ContainSingle().Subject;
        joined.Should().BeEquivalentTo(new
        {
            Role = "nurse", Organisation = AuditSite.CentreOrganisation, PatientId = (string?)null,
            Resource = "alert-stream", Action = "read", Channel = "hub", Purpose = "care",
        });

        var patient = await site.AdmitWithEscalatedAlertAsync();
        var records = await Eventually.GetAsync(
            () => PushRecordsAsync(patient.PatientId),
            r => r.Count >= 3 && r.Count == pushed.Count(p => p == patient.PatientId),
            TimeSpan.FromSeconds(20),
            "one record per push of this patient's alert (raised, called, unclaimed)");
        records.Should().AllSatisfy(r => r.Should().BeEquivalentTo(new
        {
            Actor = "system", Role = "system", Organisation = AuditSite.PracticeOrganisation,
            Resource = "alert", Action = "read", Channel = "hub", Purpose = "care",
        }));
    }

    private async Task<IReadOnlyList<AuditRecordView>> PushRecordsAsync(string patientId)
    {
        using var response = await site.Ward.Admin.GetAsync($"/api/audit?user=system&patient={patientId}&pageSize=500");
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
        // The overview's pushes of the same patient (patientChanged) are recorded as reads of the patient, not the alert.
        return (await response.Content.ReadFromJsonAsync<AuditPageView>())!.Records.Where(r => r.Resource == "alert").ToList();
    }
}
