using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MQTTnet.Protocol;
using ThuisMonitoring.Domain.Replay;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Traces;

/// <summary>
/// The labelled trace library (TraceGenerator, traces/*.json) through the whole host over MQTT, as backlog arrays of a
/// minute and live at 1 Hz (one sample per message): stable traces raise no alert, each deterioration escalates at its
/// level within its window plus a few seconds. The host runs on its adjustable test clock, moved a minute per minute
/// of trace, so measuredAt is never in the future and the device watch sees the trace's own time.
/// </summary>
[Collection(TraceLibraryCollection.Name)]
public sealed class TraceLibraryOverMqttTests(TraceLibraryHost fixture)
{
    public static TheoryData<string, bool> Cases()
    {
        var cases = new TheoryData<string, bool>();
        foreach (var name in TraceGenerator.Names)
        {
            cases.Add(name, true);
            cases.Add(name, false);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_library_trace_raises_what_it_is_labelled_with(string name, bool backlog)
    {
        // Access tokens live 15 minutes of the host's clock, which the trace moves: sign in again every few minutes.
        using var ward = await Ward.OpenAsync(fixture.Host);
        var patient = await ward.AdmitAsync(oxygenFlow: 2.0);
        var start = await AdvanceClockAsync(0);
        var trace = TraceGenerator.Generate(name, 1, start);
        await using var meter = MqttDevice.OverTcp(patient.Device, fixture.Host.MqttPort);
        (await meter.ConnectAsync()).Should().Be(MQTTnet.MqttClientConnectResultCode.Success);
        MqttDevice? app = null;
        if (trace.Events.Any(e => e.Device == TraceEvent.App))
        {
            app = MqttDevice.OverTcp(await ward.BindDeviceAsync(patient.PatientId, "patient-app"), fixture.Host.MqttPort);
            (await app.ConnectAsync()).Should().Be(MQTTnet.MqttClientConnectResultCode.Success);
        }

        try
        {
            for (var minute = 0; minute * 60 < trace.Length.TotalSeconds; minute++)
            {
                await PlayAsync([.. trace.Events.Where(e => e.At / 60 == minute)], trace.Start, meter, app, patient.Device, backlog);
                await AdvanceClockAsync(1);
            }
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        var alerts = await AlertsAsync(patient.PatientId, trace.Expected.Count);
        if (trace.IsStable)
        {
            alerts.Should().BeEmpty($"{name} is stable: {trace.Description}");
            return;
        }

        foreach (var expected in trace.Expected)
        {
            var level = expected.Level == Domain.Protocols.Level.Red ? "urgent" : "warning";
            var alert = alerts.Should().Contain(a => a.Reasons.Contains(expected.Reason), $"{name}: {trace.Description}").Which;
            if (level == "urgent")
            {
                alert.Level.Should().Be("urgent");
            }

            // A continuous alert says when its band's hold completed; a spot check or device alert when it was measured.
            var escalatedAt = alert.Holds?.FirstOrDefault(h => h.Reason == expected.Reason)?.To ?? alert.MeasuredAt;
            var onset = trace.Start.AddSeconds(expected.Onset);
            escalatedAt.Should().BeOnOrAfter(onset).And.BeOnOrBefore(onset.AddSeconds(expected.WithinSeconds), "escalated within the window plus a few seconds");
        }
    }

    private async Task PlayAsync(List<TraceEvent> events, DateTimeOffset start, MqttDevice meter, MqttDevice? app, BoundDevice device, bool backlog)
    {
        var samples = new List<string>();
        bool? sensorOn = null;
        async Task FlushAsync()
        {
            if (samples.Count == 0)
            {
                return;
            }

            (await meter.PublishMeasurementAsync(Encoding.UTF8.GetBytes("[" + string.Join(',', samples) + "]"))).Should().Be(MQTTnet.MqttClientPublishReasonCode.Success);
            samples.Clear();
        }

        foreach (var e in events)
        {
            if (e.Device == TraceEvent.App)
            {
                (await app!.PublishMeasurementAsync(Encoding.UTF8.GetBytes(Json(e, start)))).Should().Be(MQTTnet.MqttClientPublishReasonCode.Success);
                continue;
            }

            if (e.IsStatus || e.SensorOn != (sensorOn ?? true))
            {
                await FlushAsync();
                if (e.Battery is { } battery)
                {
                    await meter.PublishAsync(device.StatusTopic, $$"""{"battery":{{battery}}}""");
                }

                if (e.SensorOn != (sensorOn ?? true))
                {
                    sensorOn = e.SensorOn;
                    await meter.PublishAsync(device.StatusTopic, e.SensorOn ? """{"sensorOn":true}""" : """{"sensorOn":false}""");
                }

                if (e.IsStatus)
                {
                    continue;
                }
            }

            if (backlog)
            {
                samples.Add(Json(e, start));
            }
            else
            {
                (await meter.PublishMeasurementAsync(Encoding.UTF8.GetBytes(Json(e, start)))).Should().Be(MQTTnet.MqttClientPublishReasonCode.Success);
            }
        }

        await FlushAsync();
    }

    private static string Json(TraceEvent e, DateTimeOffset start) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["measuredAt"] = start.AddSeconds(e.At).ToString("O"),
        ["spo2"] = e.Spo2,
        ["heartRate"] = e.HeartRate,
        ["respiratoryRate"] = e.RespiratoryRate,
        ["perfusionIndex"] = e.PerfusionIndex,
        ["temperature"] = e.Temperature,
    }.Where(p => p.Value is not null).ToDictionary());

    private async Task<DateTimeOffset> AdvanceClockAsync(double minutes)
    {
        using var admin = await fixture.Host.LoginAsync();
        using var response = await admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = minutes });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("now").GetDateTimeOffset();
    }

    /// <summary>The patient's alerts once the expected number is there (evaluation follows the PUBACK closely, not with it).</summary>
    private async Task<IReadOnlyList<TraceAlert>> AlertsAsync(string patientId, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(expected == 0 ? 2 : 10);
        while (true)
        {
            using var admin = await fixture.Host.LoginAsync();
            var all = (await admin.GetFromJsonAsync<List<TraceAlert>>("/api/alerts"))!.Where(a => a.PatientId == patientId).ToList();
            if ((expected > 0 && all.Count >= expected) || DateTime.UtcNow > deadline)
            {
                return all;
            }

            await Task.Delay(100);
        }
    }

    private sealed record TraceAlert(string AlertId, string PatientId, string Level, IReadOnlyList<string> Reasons, DateTimeOffset MeasuredAt, IReadOnlyList<TraceHold>? Holds);

    private sealed record TraceHold(string Reason, string Level, DateTimeOffset From, DateTimeOffset To, double WindowSeconds);
}
