using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Calls;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Clinicians;

/// <summary>End of an episode on the real host: the devices' credentials are revoked and their open MQTT sessions closed; the patient stays findable.</summary>
[Collection(CallCentreCollection.Name)]
public sealed class EndOfEpisodeTests(CallCentre centre, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(centre.Host, output);

    [Fact]
    public async Task Ending_the_episode_closes_the_open_session_refuses_the_reconnect_and_leaves_the_patient_findable()
    {
        var patient = await centre.Ward.AdmitAsync();
        using var clinician = await centre.Ward.SignInAsync(patient.Clinician);
        var feedback = $"thuismonitoring/v1/devices/{patient.Device.DeviceId}/feedback";
        using var session = await centre.Mosquitto.SubscribeAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, feedback, count: 5, timeoutSeconds: 60);
        var watch = Stopwatch.StartNew();

        using (var end = await clinician.PostAsJsonAsync($"/api/patients/{patient.PatientId}/state", new { state = "ended", reason = "Hersteld zonder zuurstof" }))
        {
            await Ward.ExpectAsync(end, HttpStatusCode.OK);
        }

        await session.MessagesAsync();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the open session is closed at once, not when mosquitto_sub gives up:\n" + session.Output);
        var reconnect = await centre.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(Measurement.NewMessageId(), spo2: 95, oxygenFlow: 0));
        reconnect.ConnAckCode.Should().Be(0x86, "the revoked device is refused: " + reconnect);

        var active = (await clinician.GetFromJsonAsync<List<PatientView>>("/api/patients?state=active"))!;
        var ended = (await clinician.GetFromJsonAsync<List<PatientView>>("/api/patients?state=ended"))!;
        var found = (await centre.Ward.Admin.GetFromJsonAsync<List<PatientView>>($"/api/patients?q={Uri.EscapeDataString(patient.Name)}"))!;
        active.Should().NotContain(p => p.PatientId == patient.PatientId);
        ended.Should().ContainSingle(p => p.PatientId == patient.PatientId).Which.State.Should().Be("ended");
        found.Should().ContainSingle(p => p.PatientId == patient.PatientId);
        var summary = (await clinician.GetFromJsonAsync<DischargeView>($"/api/patients/{patient.PatientId}/discharge-summary"))!;
        summary.Episode.State.Should().Be("ended");
        summary.Episode.EndedAt.Should().NotBeNull();
    }

    public void Dispose() => _log.Dispose();
}

public sealed record DischargeView(string PatientId, string Name, DischargeEpisodeView Episode);

public sealed record DischargeEpisodeView(string State, DateTimeOffset? EndedAt);
