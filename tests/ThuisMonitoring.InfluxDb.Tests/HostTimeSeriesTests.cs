using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using ThuisMonitoring.InfluxDb.Client;
using ThuisMonitoring.InfluxDb.Tests.Server;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>
/// The whole way, with the real host as a process: measurements published over MQTT (QoS 1, PUBACK'd) end up in a
/// real influxd exactly once, through an influxd crash mid-stream and a host restart while influxd is down.
/// </summary>
[Collection(InfluxDbCollection.Name)]
public sealed class HostTimeSeriesTests(InfluxDbServer server)
{
    private const int PerMessage = 500;

    [Fact]
    public async Task Ten_thousand_measurements_over_mqtt_survive_an_influxd_crash_and_a_host_restart_exactly_once()
    {
        var database = InfluxDbCollection.NewDatabase();
        var settings = new Dictionary<string, string>
        {
            ["TimeSeries:Provider"] = "InfluxDb",
            ["TimeSeries:InfluxDb:Url"] = server.Url,
            ["TimeSeries:InfluxDb:Database"] = database,
            ["TimeSeries:InfluxDb:FlushInterval"] = "00:00:00.200",
            ["TimeSeries:InfluxDb:OutagePause"] = "00:00:00.200",
            ["TimeSeries:InfluxDb:MaxOutagePause"] = "00:00:01",
            ["TimeSeries:Backlog:Max"] = "5000",
            ["TimeSeries:Backlog:CheckInterval"] = "00:00:00.200",
        };
        var ports = HostPorts.Free();
        var dataDirectory = Directory.CreateTempSubdirectory("thuismonitoring-influx-").FullName;
        var start = DateTimeOffset.UtcNow.AddHours(-4);
        var host = await HostProcess.StartAsync(dataDirectory, ports, settings);
        try
        {
            try
            {
                var (patientId, device) = await AdmitAsync(host);
                await using (var mqtt = await ConnectAsync(host, device))
                {
                    // influxd is killed while the device publishes and the forwarder writes.
                    var publishing = PublishAsync(mqtt, device.DeviceId, start, 0, 7_000);
                    await CountAsync(database, patientId, c => c > 0);
                    server.Kill();

                    // Ingestion goes on (every message PUBACK'd), the backlog grows and the alarm is raised.
                    await publishing;
                    await Eventually(() => host.Output.Contains("InfluxDB backlog", StringComparison.Ordinal), "the backlog alarm");
                    await server.StartAsync();
                    await PublishAsync(mqtt, device.DeviceId, start, 7_000, 10_000);
                }

                (await CountAsync(database, patientId, c => c >= 10_000)).Should().Be(10_000);

                // influxd goes down, the host takes more and restarts meanwhile; then influxd returns.
                server.Kill();
                await using (var mqtt = await ConnectAsync(host, device))
                {
                    await PublishAsync(mqtt, device.DeviceId, start, 10_000, 11_000);
                }

                await host.StopAsync();
                await host.DisposeAsync();
                host = await HostProcess.StartAsync(dataDirectory, ports, settings);
                await server.StartAsync();

                (await CountAsync(database, patientId, c => c >= 11_000)).Should().Be(11_000);
                await Task.Delay(1_000);
                (await CountAsync(database, patientId, _ => true)).Should().Be(11_000, "nothing is written twice");
            }
            finally
            {
                await server.StartAsync();
            }
        }
        finally
        {
            await host.DisposeAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    internal static async Task<(string PatientId, (string DeviceId, string Secret) Device)> AdmitAsync(HostProcess host)
    {
        using var admin = await host.LoginAsync();
        var clinician = "clinician-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/users", new { username = clinician, password = "afdeling-wachtwoord-1", role = "clinician", displayName = "Dr. Test" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        using var enrolment = await admin.PostAsJsonAsync("/api/patients", new
        {
            name = "Influx Patiënt",
            birthDate = "1950-03-01",
            pathway = "early-discharge",
            responsibleClinician = clinician,
            oxygenFlow = 2.0,
            consent = new { scope = "telemonitoring" },
        });
        enrolment.StatusCode.Should().Be(HttpStatusCode.Created);
        var patientId = (await enrolment.Content.ReadFromJsonAsync<Created>())!.PatientId;
        using var binding = await admin.PostAsJsonAsync($"/api/patients/{patientId}/devices", new { deviceId = "ox-" + Guid.NewGuid().ToString("N")[..8], kind = "oximeter" });
        binding.StatusCode.Should().Be(HttpStatusCode.Created);
        var bound = (await binding.Content.ReadFromJsonAsync<Bound>())!;
        return (patientId, (bound.DeviceId, bound.Secret));
    }

    internal static async Task<MqttAsync> ConnectAsync(HostProcess host, (string DeviceId, string Secret) device)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(device.DeviceId)
            .WithCredentials(device.DeviceId, device.Secret)
            .WithTcpServer("127.0.0.1", host.MqttPort)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        (await client.ConnectAsync(options)).ResultCode.Should().Be(MqttClientConnectResultCode.Success);
        return new MqttAsync(client);
    }

    /// <summary>Measurements from..to-1, one second apart, in JSON arrays; every message must be PUBACK'd as a success.</summary>
    internal static async Task PublishAsync(MqttAsync mqtt, string deviceId, DateTimeOffset start, int from, int to)
    {
        for (var first = from; first < to; first += PerMessage)
        {
            var payload = new StringBuilder("[");
            for (var n = first; n < Math.Min(first + PerMessage, to); n++)
            {
                payload.Append(n == first ? "" : ",")
                    .Append(CultureInfo.InvariantCulture, $"{{\"measuredAt\":\"{start.AddSeconds(n):yyyy-MM-ddTHH:mm:ss.fffZ}\",\"messageId\":\"m{n}\",\"spo2\":{94 + (n % 5)},\"heartRate\":{70 + (n % 9)}}}");
            }

            var message = new MqttApplicationMessageBuilder()
                .WithTopic($"thuismonitoring/v1/devices/{deviceId}/measurements")
                .WithPayload(Encoding.UTF8.GetBytes(payload.Append(']').ToString()))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            (await mqtt.Client.PublishAsync(message)).ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);
        }
    }

    private Task<long> CountAsync(string database, string patientId, Func<long, bool> enough) => CountAsync(server.Url, database, patientId, enough);

    internal static async Task<long> CountAsync(string url, string database, string? patientId, Func<long, bool> enough)
    {
        var options = Site.QuickOptions(url, database);
        using var client = new InfluxDbClient(options, NullLogger<InfluxDbClient>.Instance);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            long count = 0;
            try
            {
                var rows = (await client.QueryAsync($"SELECT count(\"spo2\") FROM \"vitals\"{(patientId is null ? string.Empty : $" WHERE \"patient\" = {InfluxQl.Literal(patientId)}")}", false, CancellationToken.None))
                    .SelectMany(s => s).SelectMany(s => s.Values).ToList();
                count = rows.Count == 0 ? 0 : rows[0][1].GetInt64();
            }
            catch (InfluxDbException)
            {
                // The database may not exist yet.
            }

            if (enough(count) || DateTime.UtcNow > deadline)
            {
                return count;
            }

            await Task.Delay(200);
        }
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, $"{what} should happen within a minute");
            await Task.Delay(100);
        }
    }

    private sealed record Created(string PatientId);

    private sealed record Bound(string DeviceId, string Secret);

    internal sealed class MqttAsync(IMqttClient client) : IAsyncDisposable
    {
        public IMqttClient Client { get; } = client;

        public async ValueTask DisposeAsync()
        {
            if (Client.IsConnected)
            {
                await Client.DisconnectAsync();
            }

            Client.Dispose();
        }
    }
}
