using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using ThuisMonitoring.InfluxDb.Client;
using ThuisMonitoring.InfluxDb.Tests.Server;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>
/// Erasure with InfluxDB as the time-series store, against the real host and a real influxd: after a second person
/// approved it, the patient's series are gone from InfluxDB and the patient id from every data file, while another
/// patient's points stay.
/// </summary>
[Collection(InfluxDbCollection.Name)]
public sealed class HostErasureTests(InfluxDbServer server)
{
    [Fact]
    public async Task An_approved_erasure_drops_the_patients_series_from_influxdb_and_keeps_the_others()
    {
        var database = InfluxDbCollection.NewDatabase();
        await using var host = await HostProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["TimeSeries:Provider"] = "InfluxDb",
            ["TimeSeries:InfluxDb:Url"] = server.Url,
            ["TimeSeries:InfluxDb:Database"] = database,
            ["TimeSeries:InfluxDb:FlushInterval"] = "00:00:00.200",
        });
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var (erased, erasedDevice) = await HostTimeSeriesTests.AdmitAsync(host);
        var (kept, keptDevice) = await HostTimeSeriesTests.AdmitAsync(host);
        await using (var mqtt = await HostTimeSeriesTests.ConnectAsync(host, erasedDevice))
        {
            await HostTimeSeriesTests.PublishAsync(mqtt, erasedDevice.DeviceId, start, 0, 1_000);
        }

        await using (var mqtt = await HostTimeSeriesTests.ConnectAsync(host, keptDevice))
        {
            await HostTimeSeriesTests.PublishAsync(mqtt, keptDevice.DeviceId, start, 0, 1_000);
        }

        (await HostTimeSeriesTests.CountAsync(server.Url, database, erased, c => c >= 1_000)).Should().Be(1_000);
        (await HostTimeSeriesTests.CountAsync(server.Url, database, kept, c => c >= 1_000)).Should().Be(1_000);
        using var requester = await HireAsync(host, "privacy-officer");
        using var approver = await HireAsync(host, "privacy-officer");
        using var request = await requester.PostAsJsonAsync($"/api/patients/{erased}/erasure", new { reason = "Verzoek van patiënt" });
        request.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var erasureId = (await request.Content.ReadFromJsonAsync<Requested>())!.ErasureId;
        using var own = await requester.PostAsync($"/api/erasures/{erasureId}/approve", null);
        own.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var approve = await approver.PostAsync($"/api/erasures/{erasureId}/approve", null);

        approve.StatusCode.Should().Be(HttpStatusCode.OK, await approve.Content.ReadAsStringAsync());
        using var client = new InfluxDbClient(Site.QuickOptions(server.Url, database), NullLogger<InfluxDbClient>.Instance);
        var series = await client.QueryAsync($"SHOW SERIES WHERE \"patient\" = {InfluxQl.Literal(erased)}", false, CancellationToken.None);
        series.SelectMany(s => s).SelectMany(s => s.Values).Should().BeEmpty("no series of the patient, raw or downsampled");
        var keptSeries = await client.QueryAsync($"SHOW SERIES WHERE \"patient\" = {InfluxQl.Literal(kept)}", false, CancellationToken.None);
        keptSeries.SelectMany(s => s).SelectMany(s => s.Values).Should().NotBeEmpty();
        (await HostTimeSeriesTests.CountAsync(server.Url, database, erased, _ => true)).Should().Be(0);
        (await HostTimeSeriesTests.CountAsync(server.Url, database, kept, _ => true)).Should().Be(1_000, "another patient's points stay");
        FilesContaining(host.DataDirectory, erased).Should().BeEmpty("only the audit trail and the erasure register keep the pseudonymous id");
        FilesContaining(host.DataDirectory, kept).Should().NotBeEmpty();
    }

    private static async Task<HttpClient> HireAsync(HostProcess host, string role)
    {
        using var admin = await host.LoginAsync();
        var username = role + "-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsJsonAsync("/api/users", new { username, password = "afdeling-wachtwoord-1", role, displayName = "Test " + username }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        return await host.LoginAsync(username, "afdeling-wachtwoord-1");
    }

    private static List<string> FilesContaining(string directory, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(path => !Path.GetFileName(path).StartsWith("audit.db", StringComparison.Ordinal) && !Path.GetFileName(path).StartsWith("privacy.db", StringComparison.Ordinal))
            .Where(path =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray().AsSpan().IndexOf(needle) >= 0;
            })
            .ToList();
    }

    private sealed record Requested(string ErasureId);
}
