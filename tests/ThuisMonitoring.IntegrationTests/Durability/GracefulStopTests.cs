using System.Globalization;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Durability;

/// <summary>
/// Issue 14: a graceful stop (SIGTERM) saves every active patient's episode, last values that were only batched
/// included, so the restarted host has nothing to catch up from the measurement store (the catch-up counter on
/// /metrics stays at zero). After a kill it does catch up: the same counter counts what was not saved.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class GracefulStopTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string CaughtUpMeasurements = "thuismonitoring_patient_catch_up_measurements";
    private readonly HostSequence _hosts = new(output);

    [Fact]
    public async Task A_graceful_stop_saves_every_patients_batched_last_values_so_the_restarted_host_catches_up_nothing()
    {
        var first = await StartAsync();
        var (patients, last) = await AdmitAndMeasureAsync(first, 3);

        await first.StopAsync();

        first.ExitCode.Should().Be(0);
        first.Output.Should().Contain("3 of 3 active patients saved their episodes", "every active patient saves before the silo stops");
        var second = await StartAsync(first.DataDirectory, HostPorts.Free());
        using var again = await Ward.OpenAsync(second);
        foreach (var patient in patients)
        {
            // The read activates the grain: its catch-up finds the store holds nothing after the saved last measurement.
            (await again.PatientAsync(patient.PatientId)).LastMeasurement?.MessageId.Should().Be(last[patient.PatientId]);
        }

        (await CaughtUpAsync(second)).Should().Be(0, "the saved episodes had seen every acknowledged measurement");
    }

    [Fact]
    public async Task After_a_kill_the_restarted_host_catches_up_the_unsaved_measurements_and_counts_them()
    {
        var first = await StartAsync();
        var (patients, last) = await AdmitAndMeasureAsync(first, 2);

        first.Kill();

        var second = await StartAsync(first.DataDirectory, HostPorts.Free());
        using var again = await Ward.OpenAsync(second);
        foreach (var patient in patients)
        {
            (await again.PatientAsync(patient.PatientId)).LastMeasurement?.MessageId.Should().Be(last[patient.PatientId]);
        }

        // Unless a first batched save (5-15 s after the measurement) came before the kill, each patient caught up one.
        (await Eventually.GetAsync(() => CaughtUpAsync(second), caughtUp => caughtUp > 0, null, "the catch-up to be counted"))
            .Should().BeLessThanOrEqualTo(2);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    /// <summary>Admits the patients, then one green measurement each, acknowledged: last values the grains batch, not yet saved.</summary>
    private static async Task<(IReadOnlyList<AdmittedPatient> Patients, Dictionary<string, string> Last)> AdmitAndMeasureAsync(HostProcess host, int count)
    {
        var patients = new List<AdmittedPatient>();
        using (var ward = await Ward.OpenAsync(host))
        {
            for (var i = 0; i < count; i++)
            {
                patients.Add(await ward.AdmitAsync());
            }
        }

        var last = new Dictionary<string, string>();
        var mosquitto = new MosquittoClients(host.MqttPort);
        foreach (var patient in patients)
        {
            var messageId = Measurement.NewMessageId();
            var run = await mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic,
                Measurement.Json(messageId, spo2: 96, heartRate: 72, oxygenFlow: 2.0, measuredAt: DateTimeOffset.UtcNow.AddMinutes(-1)));
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
            last[patient.PatientId] = messageId;
        }

        return (patients, last);
    }

    /// <summary>Stored measurements the host's activations evaluated again (<c>thuismonitoring.patient.catch_up.measurements</c>).</summary>
    private static async Task<long> CaughtUpAsync(HostProcess host)
    {
        var metrics = await host.Http.GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith(CaughtUpMeasurements, StringComparison.Ordinal))
            .Sum(line =>
            {
                // name{labels} value [timestamp]
                var value = line.Contains('}', StringComparison.Ordinal) ? line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
                return (long)double.Parse(value.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            });
    }

    private Task<HostProcess> StartAsync(string? dataDirectory = null, HostPorts? ports = null) =>
        _hosts.StartAsync(dataDirectory, ports);
}
