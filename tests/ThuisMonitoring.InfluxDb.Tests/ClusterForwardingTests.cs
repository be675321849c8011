using MQTTnet;
using MQTTnet.Protocol;
using Npgsql;
using ThuisMonitoring.InfluxDb.Tests.Server;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>
/// Cluster mode (issue 15 item 3): two real hosts on one real PostgreSQL forward to one real influxd through the one
/// shared journal cursor, leased to one host. The holder is killed (SIGKILL) while measurements stream in through the
/// other host: the survivor takes the lease over and resumes from the saved cursor, and every measurement is in
/// InfluxDB exactly once.
/// </summary>
[Collection(InfluxDbCollection.Name)]
public sealed class ClusterForwardingTests(InfluxDbServer influx, ITestOutputHelper output)
{
    private const string Holds = "This host holds journal cursor";
    private const int Total = 6_000;

    [Fact]
    public async Task The_forwarding_resumes_exactly_once_on_the_survivor_after_the_lease_holder_is_killed()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("forwarding");
        var database = InfluxDbCollection.NewDatabase();
        var settings = new Dictionary<string, string>
        {
            ["Cluster:Provider"] = "PostgreSql",
            ["Cluster:ConnectionString"] = connectionString,
            ["Cluster:Membership:ProbeTimeout"] = "00:00:01",
            ["Cluster:Membership:NumMissedProbesLimit"] = "2",
            ["Cluster:Membership:NumVotesForDeathDeclaration"] = "1",
            ["TimeSeries:Provider"] = "InfluxDb",
            ["TimeSeries:InfluxDb:Url"] = influx.Url,
            ["TimeSeries:InfluxDb:Database"] = database,
            ["TimeSeries:InfluxDb:FlushInterval"] = "00:00:00.200",
            ["TimeSeries:InfluxDb:OutagePause"] = "00:00:00.200",
            ["TimeSeries:InfluxDb:MaxOutagePause"] = "00:00:01",
        };
        var hosts = new List<HostProcess>();
        try
        {
            hosts.Add(await HostProcess.StartAsync(settings: settings, readyTimeout: TimeSpan.FromSeconds(120)));
            hosts.Add(await HostProcess.StartAsync(settings: settings, readyTimeout: TimeSpan.FromSeconds(120)));
            var holder = await WaitAsync(() => hosts.FindIndex(h => h.Output.Contains(Holds, StringComparison.Ordinal)), i => i >= 0, "one host holding the cursor");
            var survivor = hosts[1 - holder];
            var (patientId, device) = await HostTimeSeriesTests.AdmitAsync(survivor);
            var start = DateTimeOffset.UtcNow.AddHours(-3);
            long savedBeforeKill;

            await using (var mqtt = await HostTimeSeriesTests.ConnectAsync(survivor, device))
            {
                // The holder is killed while it forwards what the survivor takes in; the second half comes in after the
                // kill, so the survivor has something to forward even when the holder was quick with the first half.
                var publishing = PublishAsync(mqtt, device.DeviceId, start, 0, Total / 2);
                await HostTimeSeriesTests.CountAsync(influx.Url, database, patientId, c => c > 0);
                savedBeforeKill = await WaitAsync(() => CountUpToCursorAsync(connectionString), n => n > 0, "the holder saving its cursor");
                hosts[holder].Kill();
                await publishing;
                await PublishAsync(mqtt, device.DeviceId, start, Total / 2, Total);
            }

            var forwarded = await HostTimeSeriesTests.CountAsync(influx.Url, database, patientId, c => c >= Total);
            forwarded.Should().Be(Total, "every measurement forwarded once the survivor holds the cursor");
            await WaitAsync(() => survivor.Output.Contains(Holds, StringComparison.Ordinal), held => held, "the survivor taking the lease over");

            // Resumed from the cursor the holder saved, not from the start: the survivor forwarded at most what came
            // after it (a point written twice would overwrite itself in InfluxDB, so the count alone cannot show that).
            var bySurvivor = await ForwardedAsync(survivor);
            bySurvivor.Should().BePositive();
            bySurvivor.Should().BeLessThanOrEqualTo(Total - savedBeforeKill, "the survivor resumes after the cursor the killed holder saved");
            (await HostTimeSeriesTests.CountAsync(influx.Url, database, patientId, _ => true)).Should().Be(Total);
        }
        finally
        {
            foreach (var host in hosts)
            {
                output.WriteLine(host.Output.Length > 4000 ? host.Output[^4000..] : host.Output);
                await host.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Measurements from..until-1, one second apart, in arrays of 500, each message sent again until it is acknowledged:
    /// while the killed host is not yet declared dead, a patient grain that lived there cannot be called and the host
    /// answers "implementation specific error" (a device sends the message again, as this one does).
    /// </summary>
    private static async Task PublishAsync(HostTimeSeriesTests.MqttAsync mqtt, string deviceId, DateTimeOffset start, int from, int until)
    {
        const int PerMessage = 500;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        for (var first = from; first < until; first += PerMessage)
        {
            var payload = new System.Text.StringBuilder("[");
            for (var n = first; n < Math.Min(first + PerMessage, until); n++)
            {
                payload.Append(n == first ? "" : ",")
                    .Append(System.Globalization.CultureInfo.InvariantCulture, $"{{\"measuredAt\":\"{start.AddSeconds(n):yyyy-MM-ddTHH:mm:ss.fffZ}\",\"messageId\":\"m{n}\",\"spo2\":{94 + (n % 5)},\"heartRate\":{70 + (n % 9)}}}");
            }

            var message = new MqttApplicationMessageBuilder()
                .WithTopic($"thuismonitoring/v1/devices/{deviceId}/measurements")
                .WithPayload(System.Text.Encoding.UTF8.GetBytes(payload.Append(']').ToString()))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            while ((await mqtt.Client.PublishAsync(message)).ReasonCode != MqttClientPublishReasonCode.Success)
            {
                DateTime.UtcNow.Should().BeBefore(deadline, "every message acknowledged within two minutes");
                await Task.Delay(500);
            }
        }
    }

    /// <summary>How many stored measurements lie at or before the shared cursor (forwarded and saved).</summary>
    private static async Task<long> CountUpToCursorAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM measurements WHERE sequence <= (SELECT coalesce(max(sequence), 0) FROM journal_cursors)", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The host's <c>thuismonitoring.influxdb.forwarded</c> counter from its Prometheus scrape.</summary>
    private static async Task<long> ForwardedAsync(HostProcess host)
    {
        var scrape = await host.Http.GetStringAsync("/metrics");
        return (long)scrape.Split('\n')
            .Where(line => line.StartsWith("thuismonitoring_influxdb_forwarded", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Task<T> WaitAsync<T>(Func<T> read, Func<T, bool> holds, string what) => WaitAsync(() => Task.FromResult(read()), holds, what);

    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await read();
            if (holds(value))
            {
                return value;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"{what} within a minute");
            await Task.Delay(100);
        }
    }
}
