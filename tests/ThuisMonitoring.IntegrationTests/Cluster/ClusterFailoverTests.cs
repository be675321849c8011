using System.Net.Http.Json;
using MQTTnet;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Cluster;

/// <summary>
/// Issue 15 items 2 to 4 with real hosts on loopback and a real PostgreSQL: a device on one host and a console on
/// another; a host killed with SIGKILL while devices stream (they move to another host and are served within 30 s,
/// nothing acknowledged is lost, nothing is stored twice, and the reminders of the patients it carried fire on the
/// survivors); a rolling restart of every host under steady load (no acknowledged measurement and no alert lost, the
/// console reconnects by itself). Orleans' probes are shortened (<see cref="HostCluster.FastMembership"/>).
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class ClusterFailoverTests(PostgresClusterServer postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan StreamPause = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_console_on_host_1_is_pushed_the_alert_of_a_device_connected_to_host_2()
    {
        await using var cluster = await HostCluster.StartAsync(postgres.Server, "console", 2, output);
        using var ward = await Ward.OpenAsync(cluster[0]);
        var patient = await ward.AdmitAsync();
        await using var console = await LiveConsole.OpenAsync(cluster[0].BaseAddress);
        await using var device = MqttDevice.OverTcp(patient.Device, cluster[1].MqttPort);
        (await device.ConnectAsync()).Should().Be(MqttClientConnectResultCode.Success);

        (await device.PublishAsync(patient.Device.MeasurementsTopic, Measurement.Json(Measurement.NewMessageId(), spo2: 86, oxygenFlow: 2.0)))
            .Should().Be(MqttClientPublishReasonCode.Success);

        await Eventually.GetAsync(
            () => Task.FromResult(console.Pushed),
            pushed => pushed.Contains(patient.PatientId),
            TimeSpan.FromSeconds(30),
            "the alert raised through host 2 pushed to the console on host 1");
        (await ward.AlertsOfAsync(patient.PatientId, "open")).Should().ContainSingle();
    }

    [Fact]
    public async Task A_host_killed_mid_stream_loses_nothing_acknowledged_stores_nothing_twice_and_its_patients_reminders_fire_on_the_survivors()
    {
        await using var cluster = await HostCluster.StartAsync(postgres.Server, "kill", 3, output, new Dictionary<string, string>
        {
            ["Testing:AdjustableClock"] = "true",
        });
        using var ward = await Ward.OpenAsync(cluster[0]);
        var patients = new List<AdmittedPatient>();
        for (var i = 0; i < 6; i++)
        {
            patients.Add(await ward.AdmitAsync());
        }

        // The host that activated most of the patients' grains dies: it carries their episodes and some devices.
        var victim = Enumerable.Range(0, cluster.Size)
            .OrderByDescending(h => patients.Count(p => cluster.HostThatEnrolled(p.PatientId) == h))
            .First();
        var devices = patients.Select((p, i) => new FailoverDevice(p.Device, cluster.MqttPorts, i % cluster.Size)).ToList();
        using var stop = new CancellationTokenSource();
        var streams = devices.Select(d => d.StreamAsync(StreamPause, stop.Token)).ToList();
        try
        {
            await Eventually.GetAsync(() => Task.FromResult(devices.Min(d => d.Acknowledged.Count)), n => n >= 10, TimeSpan.FromSeconds(60), "every device streaming");
            var onVictim = devices.Where(d => d.Port == cluster.PortsOf(victim).Mqtt).ToList();
            var grainsOnVictim = patients.Where(p => cluster.HostThatEnrolled(p.PatientId) == victim).Select(p => p.PatientId).ToList();
            output.WriteLine($"killing host {victim + 1}: devices {string.Join(", ", onVictim.Select(d => d.DeviceId))}, grains of {string.Join(", ", grainsOnVictim)}");

            var killedAt = DateTime.UtcNow;
            cluster.Kill(victim);

            // Its devices come back through another host and are served (PUBACK success) within 30 s.
            var victimPort = cluster.PortsOf(victim).Mqtt;
            foreach (var device in onVictim)
            {
                var served = await Eventually.GetAsync(
                    () => Task.FromResult(device.Acknowledged.FirstOrDefault(a => a.At > killedAt && a.Port != victimPort)),
                    a => a is not null,
                    TimeSpan.FromSeconds(60),
                    $"device {device.DeviceId} served by another host after the kill");
                output.WriteLine($"device {device.DeviceId} served through port {served!.Port} {(served.At - killedAt).TotalSeconds:0.0} s after the kill");
                (served.At - killedAt).Should().BeLessThan(TimeSpan.FromSeconds(30), $"device {device.DeviceId} is served by another host within 30 s; {string.Join(" | ", device.Failures)}");
            }

            // Every device, the moved ones and the others, streams on after the kill.
            var afterKill = devices.ToDictionary(d => d.DeviceId, d => d.Acknowledged.Count);
            await Eventually.GetAsync(
                () => Task.FromResult(devices.Min(d => d.Acknowledged.Count - afterKill[d.DeviceId])),
                n => n >= 10,
                TimeSpan.FromSeconds(60),
                "every device streaming on the survivors");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(streams);
        }

        var survivor = Enumerable.Range(0, cluster.Size).First(h => h != victim);
        using var admin = await cluster[survivor].LoginAsync();
        foreach (var (device, patient) in devices.Zip(patients))
        {
            var acknowledged = device.Acknowledged.Select(a => a.MessageId).ToList();
            var stored = await cluster.StoredMessageIdsAsync(device.DeviceId);
            stored.Should().OnlyHaveUniqueItems($"nothing of device {device.DeviceId} is stored twice");
            stored.Should().Contain(acknowledged, $"nothing acknowledged to device {device.DeviceId} is lost");
            device.Sent.Should().Contain(stored, "only what the device sent is stored");

            // The patient's grain (reactivated on a survivor if it lived on the dead host) has seen the last one.
            await Eventually.GetAsync(
                async () => (await admin.GetFromJsonAsync<PatientView>($"/api/patients/{patient.PatientId}"))!,
                p => p.LastMeasurement?.MessageId == acknowledged[^1],
                TimeSpan.FromSeconds(60),
                $"patient {patient.PatientId} evaluated up to the last acknowledged measurement");
        }

        // Thirteen hours later on every survivor's clock: the patients' watch reminders (silent meter, missed
        // measurements) fire there, also for the patients whose grains and reminders lived on the dead host.
        for (var h = 0; h < cluster.Size; h++)
        {
            if (h != victim)
            {
                using var advancing = await cluster[h].LoginAsync();
                using var advanced = await advancing.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = 13 * 60 });
                await Ward.ExpectAsync(advanced, System.Net.HttpStatusCode.OK);
            }
        }

        using var later = await cluster[survivor].LoginAsync();
        foreach (var patient in patients)
        {
            await Eventually.GetAsync(
                async () => (await later.GetFromJsonAsync<List<AlertView>>("/api/alerts?status=open"))!.Where(a => a.PatientId == patient.PatientId).ToList(),
                alerts => alerts.Any(a => a.Reasons.Contains("device-silent") || a.Reasons.Contains("measurement-missed")),
                TimeSpan.FromSeconds(150),
                $"the watch reminder of patient {patient.PatientId} firing on a survivor");
        }
    }

    [Fact]
    public async Task A_rolling_restart_under_steady_load_loses_no_acknowledged_measurement_and_no_alert_and_the_console_reconnects()
    {
        await using var cluster = await HostCluster.StartAsync(postgres.Server, "rolling", 3, output);
        using var ward = await Ward.OpenAsync(cluster[0]);
        var streaming = new List<AdmittedPatient>();
        for (var i = 0; i < 3; i++)
        {
            streaming.Add(await ward.AdmitAsync());
        }

        var alerting = new Queue<AdmittedPatient>();
        for (var i = 0; i < 2 * cluster.Size + 1; i++)
        {
            alerting.Enqueue(await ward.AdmitAsync());
        }

        await using var console = await LiveConsole.OpenAsync(cluster[0].BaseAddress);
        var devices = streaming.Select((p, i) => new FailoverDevice(p.Device, cluster.MqttPorts, i % cluster.Size)).ToList();
        using var stop = new CancellationTokenSource();
        var streams = devices.Select(d => d.StreamAsync(StreamPause, stop.Token)).ToList();
        var alerted = new List<string>();
        try
        {
            await Eventually.GetAsync(() => Task.FromResult(devices.Min(d => d.Acknowledged.Count)), n => n >= 10, TimeSpan.FromSeconds(60), "every device streaming");

            // One host after the other: stopped (SIGTERM), an alert raised while it is down, started again on its
            // ports and data directory, back in the cluster, another alert raised.
            for (var h = 0; h < cluster.Size; h++)
            {
                await cluster.StopAsync(h);
                alerted.Add(await RaiseAlertAsync(cluster, alerting.Dequeue()));
                await cluster.StartHostAsync(h);
                await cluster.WaitForActiveSilosAsync(cluster.Size);
                alerted.Add(await RaiseAlertAsync(cluster, alerting.Dequeue()));
                var before = devices.ToDictionary(d => d.DeviceId, d => d.Acknowledged.Count);
                await Eventually.GetAsync(
                    () => Task.FromResult(devices.Min(d => d.Acknowledged.Count - before[d.DeviceId])),
                    n => n >= 5,
                    TimeSpan.FromSeconds(60),
                    $"every device streaming after the restart of host {h + 1}");
            }

            // Raised after every restart: pushed live to the console, which reconnected by itself.
            alerted.Add(await RaiseAlertAsync(cluster, alerting.Dequeue()));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(streams);
        }

        foreach (var device in devices)
        {
            var acknowledged = device.Acknowledged.Select(a => a.MessageId).ToList();
            var stored = await cluster.StoredMessageIdsAsync(device.DeviceId);
            stored.Should().OnlyHaveUniqueItems($"nothing of device {device.DeviceId} is stored twice");
            stored.Should().Contain(acknowledged, $"nothing acknowledged to device {device.DeviceId} is lost; {string.Join(" | ", device.Failures)}");
            device.Acknowledged.Select(a => a.Port).Distinct().Count().Should().BeGreaterThan(1, "the device moved when its host stopped");
        }

        using var admin = await cluster[1].LoginAsync();
        var open = (await admin.GetFromJsonAsync<List<AlertView>>("/api/alerts?status=open"))!;
        open.Select(a => a.PatientId).Should().Contain(alerted, "no alert raised during the rolling restart is lost");
        console.Reconnects.Should().BeGreaterThan(0, "the console's host restarted");
        console.State.Should().Be(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected);
        await Eventually.GetAsync(
            () => Task.FromResult(console.Shown),
            shown => alerted.All(shown.Contains),
            TimeSpan.FromSeconds(30),
            "every alert on the console (pushed, or read when it reconnected)");
        await Eventually.GetAsync(
            () => Task.FromResult(console.Pushed),
            pushed => pushed.Contains(alerted[^1]),
            TimeSpan.FromSeconds(30),
            "the alert raised after the restarts pushed to the reconnected console");
    }

    /// <summary>One red measurement of the patient's device through the first host that acknowledges it; answers the patient id.</summary>
    private static async Task<string> RaiseAlertAsync(HostCluster cluster, AdmittedPatient patient)
    {
        var payload = Measurement.Json(Measurement.NewMessageId(), spo2: 86, oxygenFlow: 2.0);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var failures = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            foreach (var port in cluster.MqttPorts)
            {
                await using var device = MqttDevice.OverTcp(patient.Device, port);
                try
                {
                    if (await device.ConnectAsync() == MqttClientConnectResultCode.Success
                        && await device.PublishAsync(patient.Device.MeasurementsTopic, payload) == MqttClientPublishReasonCode.Success)
                    {
                        return patient.PatientId;
                    }
                }
                catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
                {
                    failures.Add($"port {port}: {exception.Message}");
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"No host acknowledged the red measurement of {patient.PatientId}: {string.Join(" | ", failures)}");
    }
}
