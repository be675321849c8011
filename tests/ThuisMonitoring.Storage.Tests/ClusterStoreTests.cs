using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// What several hosts on one PostgreSQL database rely on of each other: two store instances on one database are two
/// hosts (each its own writer, cache and listener).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterStoreTests(PostgresCluster cluster) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // Longer than the patience: a host that sees another's change within it was told, not timed out.
    private static readonly StoreTuning CachingLong = new(DeviceCacheLifetime: TimeSpan.FromHours(1));
    private readonly PostgresSite _site = new(cluster);

    [Fact]
    public async Task The_same_device_and_message_id_sent_to_two_hosts_at_once_is_stored_once()
    {
        await using var host1 = await _site.OpenAsync();
        await using var host2 = await _site.OpenAsync();

        var attempts = Enumerable.Range(0, 100).Select(i => (i % 2 == 0 ? host1 : host2).Measurements.AppendAsync(Ward.Reading($"m-{i / 2}"), default));
        var results = await Task.WhenAll(attempts);

        results.Count(stored => stored).Should().Be(50);
        (await host1.Measurements.CountAsync(default)).Should().Be(50);
        (await host2.Journal.ReadAfterAsync(0, 1000, default)).Select(s => s.Stored.Measurement.MessageId).Should().OnlyHaveUniqueItems().And.HaveCount(50);
    }

    [Fact]
    public async Task A_journal_reader_misses_nothing_while_two_hosts_commit_at_once()
    {
        const int perHost = 3_000;
        await using var host1 = await _site.OpenAsync(new StoreTuning(MeasurementBatchSize: 50));
        await using var host2 = await _site.OpenAsync(new StoreTuning(MeasurementBatchSize: 50));
        await using var reader = await _site.OpenAsync();
        using var writing = new CancellationTokenSource();

        var writers = Task.WhenAll(
            Task.WhenAll(Enumerable.Range(0, perHost).Select(i => host1.Measurements.AppendAsync(Ward.Reading($"a-{i}", deviceId: "oxi-a"), default))),
            Task.WhenAll(Enumerable.Range(0, perHost).Select(i => host2.Measurements.AppendAsync(Ward.Reading($"b-{i}", deviceId: "oxi-b"), default))));
        var seen = new List<SequencedMeasurement>();
        long last = 0;
        while (seen.Count < 2 * perHost)
        {
            // Small pages while the writers are busy: every page ends at a row some later commit might undercut.
            var page = await reader.Journal.ReadAfterAsync(last, 37, default);
            seen.AddRange(page);
            last = page.Count > 0 ? page[^1].Sequence : last;
            if (page.Count == 0 && writers.IsCompleted)
            {
                break;
            }
        }

        await writers;
        seen.Should().HaveCount(2 * perHost, "a reader resuming after the last sequence it saw must still meet every row");
        seen.Select(s => (s.Stored.DeviceId, s.Stored.Measurement.MessageId)).Should().OnlyHaveUniqueItems();
        seen.Select(s => s.Sequence).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task A_device_bound_through_one_host_connects_to_another_that_had_looked_it_up_before()
    {
        await using var host1 = await _site.OpenAsync(CachingLong);
        await using var host2 = await _site.OpenAsync(CachingLong);
        (await host2.Devices.FindAsync("oxi-001", default)).Should().BeNull("host 2 now caches that the device is unknown");

        await host1.Devices.TryBindAsync(Ward.Oximeter(), default);

        (await EventuallyAsync(() => host2.Devices.FindAsync("oxi-001", default).AsTask(), found => found is not null))
            .Should().Be(Ward.Oximeter());
        (await host2.Devices.TryBindAsync(Ward.Oximeter(patientId: "p-002"), default)).Should().BeFalse("a device is bound once across the cluster");
    }

    [Fact]
    public async Task A_device_unbound_through_one_host_is_refused_by_every_host()
    {
        await using var host1 = await _site.OpenAsync(CachingLong);
        await using var host2 = await _site.OpenAsync(CachingLong);
        await host1.Devices.TryBindAsync(Ward.Oximeter(), default);
        (await EventuallyAsync(() => host2.Devices.FindAsync("oxi-001", default).AsTask(), found => found is not null)).Should().NotBeNull();

        (await host1.Devices.UnbindPatientAsync("p-001", default)).Should().Be(1);

        (await EventuallyAsync(() => host2.Devices.FindAsync("oxi-001", default).AsTask(), found => found is null)).Should().BeNull();
        (await host1.Devices.FindAsync("oxi-001", default)).Should().BeNull();
    }

    [Fact]
    public async Task A_refresh_token_is_used_once_across_hosts()
    {
        await using var host1 = await _site.OpenAsync();
        await using var host2 = await _site.OpenAsync();
        var token = new RefreshToken("hash-1", "family-1", "nurse.jansen", 0, Ward.MorningRound, Ward.MorningRound.AddHours(8));
        await host1.RefreshTokens.AddAsync(token, default);

        var uses = await Task.WhenAll(host1.RefreshTokens.UseAsync("hash-1", Ward.MorningRound.AddMinutes(1), default), host2.RefreshTokens.UseAsync("hash-1", Ward.MorningRound.AddMinutes(1), default));

        uses.Select(u => u.Outcome).Should().BeEquivalentTo([RefreshTokenUseOutcome.Used, RefreshTokenUseOutcome.Reused]);
    }

    public void Dispose() => _site.Dispose();

    // Polls for an effect that travels between hosts (a notification); fails after the patience with the last answer.
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }
}
