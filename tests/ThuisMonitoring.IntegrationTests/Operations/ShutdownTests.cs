using System.Diagnostics;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Operations;

/// <summary>
/// Issue 9: SIGTERM (systemd stop, docker stop) leaves nothing acknowledged behind and the process gone within
/// 10 s with exit code 0, also in demo mode with simulated devices publishing all the time.
/// </summary>
[Collection(ShutdownCollection.Name)]
public sealed class ShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private readonly HostSequence _hosts = new(output);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SIGTERM_stops_the_host_within_10_seconds_with_exit_code_0_and_every_acknowledged_measurement_kept(bool demo)
    {
        var settings = new Dictionary<string, string> { ["Demo:Enabled"] = demo ? "true" : "false" };
        var first = await StartAsync(null, settings);
        AdmittedPatient patient;
        using (var ward = await Ward.OpenAsync(first))
        {
            patient = await ward.AdmitAsync();
        }

        if (demo)
        {
            await Eventually.GetAsync(() => Task.FromResult(first.Output), o => o.Contains("Demo running", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the demo to run");
        }

        var mosquitto = new MosquittoClients(first.MqttPort);
        var acknowledged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var messageId = Measurement.NewMessageId();
            var run = await mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
                patient.Device.MeasurementsTopic, Measurement.Json(messageId, spo2: 95 - i, oxygenFlow: 2.0, measuredAt: DateTimeOffset.UtcNow.AddSeconds(i - 5)));
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
            acknowledged.Add(messageId);
        }

        var clock = Stopwatch.StartNew();
        await first.StopAsync(Limit + TimeSpan.FromSeconds(5));
        clock.Stop();

        first.HasExited.Should().BeTrue();
        clock.Elapsed.Should().BeLessThan(Limit, "the process must be gone within 10 s of SIGTERM");
        first.ExitCode.Should().Be(0, "a stop asked for is a clean exit");

        var second = await StartAsync(first.DataDirectory, new Dictionary<string, string>());
        (await MeasurementFile.MessageIdsOfAsync(second, patient.Device.DeviceId)).Should().Equal(acknowledged);
        using var again = await Ward.OpenAsync(second);
        (await again.PatientAsync(patient.PatientId)).LastMeasurement?.MessageId.Should().Be(acknowledged[^1]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    private Task<HostProcess> StartAsync(string? dataDirectory, Dictionary<string, string> settings) =>
        _hosts.StartAsync(dataDirectory, settings: settings);
}

[CollectionDefinition(Name)]
public sealed class ShutdownCollection
{
    public const string Name = "shutdown";
}
