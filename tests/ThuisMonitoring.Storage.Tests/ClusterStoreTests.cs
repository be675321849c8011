using Microsoft.Extensions.Logging.Abstractions;
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

    [Fact]
    public async Task Two_hosts_draining_one_outbox_are_each_offered_different_notifications()
    {
        await using var host1 = await _site.OpenAsync();
        await using var host2 = await _site.OpenAsync();
        var now = Ward.MorningRound;
        for (var i = 0; i < 40; i++)
        {
            await (i % 2 == 0 ? host1 : host2).OutboxPort.EnqueueAsync(Notification($"n-{i}", now), default);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? host1 : host2).Outbox.ListDueAsync(now, 7, default)));

        var offered = claims.SelectMany(c => c).Select(p => p.Notification.NotificationId).ToList();
        offered.Should().HaveCount(40).And.OnlyHaveUniqueItems();
        (await host1.Outbox.ListDueAsync(now.AddMinutes(1), 50, default)).Should().BeEmpty("every notification is claimed by the host delivering it");
    }

    [Fact]
    public async Task A_notification_claimed_by_a_host_that_died_is_delivered_by_another_once_the_claim_ran_out()
    {
        await using var host2 = await _site.OpenAsync();
        var now = Ward.MorningRound;
        await using (var host1 = await _site.OpenAsync())
        {
            await host1.OutboxPort.EnqueueAsync(Notification("n-1", now), default);
            (await host1.Outbox.ListDueAsync(now, 10, default)).Should().ContainSingle();
        }

        (await host2.Outbox.ListDueAsync(now.AddMinutes(1), 10, default)).Should().BeEmpty();
        var retaken = await host2.Outbox.ListDueAsync(now + PostgreSql.Notifications.PostgresNotificationOutbox.ClaimLifetime, 10, default);
        retaken.Should().ContainSingle().Which.Notification.NotificationId.Should().Be("n-1");
        await host2.Outbox.MarkDeliveredAsync("n-1", now.AddMinutes(6), default);
        (await host2.Outbox.CountUndeliveredAsync(default)).Should().Be(0);
    }

    [Fact]
    public async Task Two_hosts_recording_audit_events_at_once_form_one_intact_chain()
    {
        await using var host1 = await _site.OpenAsync();
        await using var host2 = await _site.OpenAsync();

        await Task.WhenAll(Enumerable.Range(0, 600).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? host1 : host2).AuditTrail.RecordAsync(
                new Abstractions.Audit.AuditEvent(Ward.MorningRound.AddMilliseconds(i), $"nurse-{i % 5}", "nurse", null, $"p-{i % 7}", "patient", "read", "api", "care"), default))));

        var verification = await host2.AuditLog.VerifyAsync(default);
        verification.Intact.Should().BeTrue(verification.Reason);
        verification.Records.Should().Be(600);
    }

    [Fact]
    public async Task The_journal_cursor_is_held_by_one_host_at_a_time_and_the_next_resumes_where_the_last_saved()
    {
        var connectionString = await _site.ConnectionStringAsync();
        await using var database1 = new PostgreSql.PostgresDatabase(connectionString, NullLogger<PostgreSql.PostgresDatabase>.Instance);
        await using var database2 = new PostgreSql.PostgresDatabase(connectionString, NullLogger<PostgreSql.PostgresDatabase>.Instance);
        var host1 = new PostgreSql.Measurements.PostgresJournalCursor(database1, "influxdb", NullLogger<PostgreSql.Measurements.PostgresJournalCursor>.Instance);
        await using var host2 = new PostgreSql.Measurements.PostgresJournalCursor(database2, "influxdb", NullLogger<PostgreSql.Measurements.PostgresJournalCursor>.Instance);
        (await host1.AcquireAsync(default)).Should().Be(0);
        await host1.SaveAsync(42, default);

        var waiting = host2.AcquireAsync(default);
        var notHolding = () => host2.SaveAsync(7, default);

        await notHolding.Should().ThrowAsync<InvalidOperationException>("only the holder moves the cursor");
        waiting.IsCompleted.Should().BeFalse("host 1 holds the cursor");
        await host1.DisposeAsync();
        (await waiting.WaitAsync(TimeSpan.FromSeconds(15))).Should().Be(42, "host 2 takes over where host 1 saved");
        await host2.SaveAsync(43, default);
    }

    public void Dispose() => _site.Dispose();

    private static Abstractions.Notifications.ClinicalNotification Notification(string id, DateTimeOffset at) =>
        new(id, Abstractions.Notifications.ClinicalNotification.Escalation, "dr.bakker", "p-001", "a-1", "urgent", ["spo2-critical"], "nurse.jansen", null, at);

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
