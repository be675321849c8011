using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Replay;

/// <summary>POST /api/replay: the current protocol and draft layers side by side over traces or recorded measurements.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class ReplayApiTests(SharedHost shared)
{
    private const string Narrow = """{"continuous":{"persistence":{"spo2RedSeconds":30}}}""";
    private const string Slower = """{"continuous":{"persistence":{"spo2RedSeconds":180}}}""";

    [Fact]
    public async Task An_admin_compares_the_current_protocol_with_a_draft_layer_on_library_traces()
    {
        using var response = await shared.Ward.Admin.PostAsync("/api/replay", Body($$"""{"traces":["exertion-dips","slow-desaturation"],"layers":[{{Narrow}}]}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var reports = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reports");
        reports.GetArrayLength().Should().Be(2);
        reports[0].GetProperty("protocolId").GetString().Should().Be("covid-oxygen@1");
        reports[1].GetProperty("protocolId").GetString().Should().Be("covid-oxygen@1+org:draft-1@1");
        reports[0].GetProperty("falseAlerts").GetInt32().Should().Be(0);
        reports[1].GetProperty("falseAlerts").GetInt32().Should().BeGreaterThan(0, "a 30 s window alerts on the 40 s exertion dips");
        reports[1].GetProperty("detected").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_clinician_replays_the_recorded_measurements_of_their_own_patient_and_not_of_another()
    {
        var patient = await shared.Ward.AdmitAsync();
        var other = await shared.Ward.AdmitAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-5);
        var samples = string.Join(',', Enumerable.Range(0, 120).Select(s =>
            $$"""{"measuredAt":"{{from.AddSeconds(s):O}}","spo2":{{(s < 30 ? 96 : 88)}},"heartRate":80}"""));
        await using (var meter = MqttDevice.OverTcp(patient.Device, shared.Host.MqttPort))
        {
            await meter.ConnectAsync();
            (await meter.PublishMeasurementAsync(Encoding.UTF8.GetBytes($"[{samples}]"))).Should().Be(MQTTnet.MqttClientPublishReasonCode.Success);
        }

        using var clinician = await shared.Ward.SignInAsync(patient.Clinician);
        var range = $"\"from\":\"{from.AddMinutes(-1):O}\",\"to\":\"{from.AddMinutes(5):O}\"";
        using var own = await clinician.PostAsync("/api/replay", Body($$"""{"patient":"{{patient.PatientId}}",{{range}}}"""));
        using var notOwn = await clinician.PostAsync("/api/replay", Body($$"""{"patient":"{{other.PatientId}}",{{range}}}"""));

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = await own.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("patients").EnumerateArray().Select(p => p.GetString()).Should().Equal(patient.PatientId);
        var report = result.GetProperty("reports")[0];
        report.GetProperty("traces")[0].GetProperty("alerts").GetArrayLength().Should().Be(1, "88 held for 90 s after the warm-up: one red");
        notOwn.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Recorded_measurements_are_replayed_against_the_escalation_the_clinician_took_over_and_the_readmission()
    {
        var patient = await shared.Ward.AdmitAsync();
        var from = DateTimeOffset.UtcNow.AddMinutes(-5);
        var samples = string.Join(',', Enumerable.Range(0, 120).Select(s =>
            $$"""{"measuredAt":"{{from.AddSeconds(s):O}}","spo2":{{(s < 30 ? 96 : 88)}},"heartRate":80}"""));
        await using (var meter = MqttDevice.OverTcp(patient.Device, shared.Host.MqttPort))
        {
            await meter.ConnectAsync();
            (await meter.PublishMeasurementAsync(Encoding.UTF8.GetBytes($"[{samples}]"))).Should().Be(MQTTnet.MqttClientPublishReasonCode.Success);
        }

        var alert = (await Eventually.GetAsync(
            () => shared.Ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Any(x => x.Level == "urgent"), TimeSpan.FromSeconds(60), "the live red alert")).First(a => a.Level == "urgent");
        using var nurse = await shared.Ward.SignInAsync(await shared.Ward.HireAsync("nurse"));
        using var clinician = await shared.Ward.SignInAsync(patient.Clinician);
        await Ward.ExpectAsync(await nurse.PostAsJsonAsync($"/api/alerts/{alert.AlertId}/calls", new { outcome = "escalated", note = "Graag beoordelen" }), HttpStatusCode.OK);
        await Ward.ExpectAsync(await clinician.PostAsJsonAsync($"/api/alerts/{alert.AlertId}/escalation/accept", new { note = "Neem het over" }), HttpStatusCode.OK);
        await Ward.ExpectAsync(await clinician.PostAsJsonAsync($"/api/patients/{patient.PatientId}/state", new { state = "readmitted", reason = "opname longafdeling" }), HttpStatusCode.OK);

        var range = $"\"from\":\"{from.AddMinutes(-1):O}\",\"to\":\"{from.AddMinutes(30):O}\"";
        using var response = await shared.Ward.Admin.PostAsync("/api/replay", Body($$"""{"patient":"{{patient.PatientId}}",{{range}},"layers":[{{Slower}}]}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var reports = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reports");
        var current = reports[0];
        current.GetProperty("labelled").GetInt32().Should().Be(2, "the escalation the clinician took over and the readmission");
        current.GetProperty("detected").GetInt32().Should().Be(2);
        current.GetProperty("falseAlerts").GetInt32().Should().Be(0);
        current.GetProperty("traces")[0].GetProperty("detections").EnumerateArray().Select(d => d.GetProperty("expected").GetProperty("label").GetString())
            .Should().Equal("escalation-accepted", "readmission");
        var rule = current.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("reason").GetString() == "spo2-critical");
        rule.GetProperty("sensitivity").GetDouble().Should().Be(1.0);
        rule.GetProperty("falseAlerts").GetInt32().Should().Be(0);
        reports[1].GetProperty("detected").GetInt32().Should().Be(0, "88 for 90 s never holds a 180 s red window");
    }

    [Fact]
    public async Task A_nurse_may_not_replay_and_a_bad_draft_layer_is_a_400()
    {
        var nurse = await shared.Ward.HireAsync("nurse");
        using var nurseClient = await shared.Ward.SignInAsync(nurse);

        using var forbidden = await nurseClient.PostAsync("/api/replay", Body("{}"));
        using var bad = await shared.Ward.Admin.PostAsync("/api/replay", Body("""{"layers":[{"continuous":{"persistence":{"spo2RedSeconds":-5}}}]}"""));
        using var unknown = await shared.Ward.Admin.PostAsync("/api/replay", Body("""{"traces":["no-such-trace"]}"""));

        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");
}
