using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Privacy;
using ThuisMonitoring.Storage.Privacy;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>The raw-data retention of the measurement store applies <see cref="RetentionRule"/>: streams thinned, the rest kept, for the embedded stores and for the cluster's PostgreSQL.</summary>
public abstract class RawMeasurementRetentionContract(IStoreSite site) : StoreContract(site)
{
    private static readonly DateTimeOffset Minute = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Stream_samples_before_the_cutoff_are_thinned_to_one_a_minute_per_device_and_the_rest_stays()
    {
        await using var stores = await OpenAsync();
        var services = stores.Services;
        var store = services.GetRequiredService<IMeasurementStore>();
        var retention = services.GetRequiredService<IRawMeasurementRetention>();
        // Two minutes of a 1 Hz stream, a lone oximeter spot check, patient-app reports a second apart, another
        // organisation's stream, and a stream after the cutoff.
        for (var s = 0; s < 120; s++)
        {
            await AppendAsync(store, "p-1", "ox-1", "Org A", DeviceKind.Oximeter, Minute.AddSeconds(s));
            await AppendAsync(store, "p-2", "ox-2", "Org B", DeviceKind.Oximeter, Minute.AddSeconds(s));
            await AppendAsync(store, "p-1", "ox-1", "Org A", DeviceKind.Oximeter, Minute.AddHours(2).AddSeconds(s));
        }

        await AppendAsync(store, "p-1", "ox-1", "Org A", DeviceKind.Oximeter, Minute.AddMinutes(30));
        for (var s = 0; s < 5; s++)
        {
            await AppendAsync(store, "p-1", "app-1", "Org A", DeviceKind.PatientApp, Minute.AddMinutes(40).AddSeconds(s));
        }

        var removed = await retention.ThinRawAsync(new RawMeasurementScope("Org A"), Minute.AddHours(1), CancellationToken.None);

        removed.Should().Equal(new Dictionary<string, long> { ["p-1"] = 118 });
        var left = await store.ListAsync("p-1", Minute.AddHours(-1), Minute.AddHours(1), 1_000, CancellationToken.None);
        left.Select(m => m.Measurement.MeasuredAt).Should().Equal(
            [Minute, Minute.AddMinutes(1), Minute.AddMinutes(30), .. Enumerable.Range(0, 5).Select(s => Minute.AddMinutes(40).AddSeconds(s))]);
        (await store.ListAsync("p-1", Minute.AddHours(1), Minute.AddHours(3), 1_000, CancellationToken.None)).Should().HaveCount(120, "after the cutoff");
        (await store.ListAsync("p-2", Minute.AddHours(-1), Minute.AddHours(1), 1_000, CancellationToken.None)).Should().HaveCount(120, "another organisation");
        (await store.CountAsync(CancellationToken.None)).Should().Be(120 * 3 + 1 + 5 - 118);
        (await retention.ThinRawAsync(new RawMeasurementScope("Org A"), Minute.AddHours(1), CancellationToken.None)).Should().BeEmpty("thinning twice removes nothing more");
        (await retention.OrganisationsAsync(CancellationToken.None)).Should().BeEquivalentTo(["Org A", "Org B"]);
    }

    private static Task AppendAsync(IMeasurementStore store, string patient, string device, string organisation, DeviceKind kind, DateTimeOffset at) =>
        store.AppendAsync(new StoredMeasurement(patient, device, organisation, kind, new Measurement(at, Spo2: 96, MessageId: Guid.NewGuid().ToString("N")), at), CancellationToken.None);
}

public sealed class SqliteRawMeasurementRetentionTests() : RawMeasurementRetentionContract(new SqliteSite());

[Collection(PostgresCollection.Name)]
public sealed class PostgresRawMeasurementRetentionTests(PostgresCluster cluster) : RawMeasurementRetentionContract(new PostgresSite(cluster));
