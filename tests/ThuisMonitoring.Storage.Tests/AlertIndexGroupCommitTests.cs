using Microsoft.Extensions.Logging;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Storage.Alerts;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>Alert upserts are group-committed: many at once all land, and the stale-copy rule still holds inside a batch.</summary>
public sealed class AlertIndexGroupCommitTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    [Fact]
    public async Task Two_thousand_alerts_upserted_at_once_are_all_stored_and_read_back_after_a_restart()
    {
        var alerts = Enumerable.Range(0, 2000)
            .Select(i => Ward.Alert($"a-{i:D4}", Ward.MorningRound.AddSeconds(i), i % 3 == 0 ? AlertStatus.Acknowledged : AlertStatus.Open))
            .ToList();
        await using (var stores = await EmbeddedStores.OpenAsync(_data.Path))
        {
            await Task.WhenAll(alerts.Select(a => Task.Run(() => stores.Alerts.UpsertAsync(a, default))));
        }

        await using var restarted = await EmbeddedStores.OpenAsync(_data.Path);
        var listed = await restarted.Alerts.ListAsync(null, 5000, default);
        listed.Select(a => a.AlertId).Should().BeEquivalentTo(alerts.Select(a => a.AlertId));
        (await restarted.Alerts.ListAsync(AlertStatus.Acknowledged, 5000, default)).Should().HaveCount(alerts.Count(a => a.Status == AlertStatus.Acknowledged));
        for (var i = 0; i < alerts.Count; i += 97)
        {
            (await restarted.Alerts.GetAsync(alerts[i].AlertId, default)).Should().BeEquivalentTo(alerts[i], o => o.ComparingRecordsByMembers());
        }
    }

    [Fact]
    public async Task An_awaited_upsert_is_seen_by_the_next_read()
    {
        await using var stores = await EmbeddedStores.OpenAsync(_data.Path);
        var raised = Ward.Alert("a-1", Ward.MorningRound);
        var acknowledgedAt = Ward.MorningRound.AddMinutes(2);

        for (var round = 0; round < 20; round++)
        {
            var at = acknowledgedAt.AddSeconds(round);
            await stores.Alerts.UpsertAsync(raised with { Status = AlertStatus.Acknowledged, AcknowledgedBy = $"nurse-{round}", AcknowledgedAt = at, UpdatedAt = at }, default);

            (await stores.Alerts.GetAsync("a-1", default))!.AcknowledgedBy.Should().Be($"nurse-{round}");
        }
    }

    [Fact]
    public async Task A_stale_copy_queued_in_the_same_batch_as_a_newer_one_does_not_overwrite_it_and_is_logged()
    {
        var logger = new RecordingLogger();
        using var database = new SqliteDatabase(Path.Combine(_data.Path, EmbeddedStoreOptions.DirectoryFileName));
        var index = new SqliteAlertIndex(database, logger);
        var raised = Ward.Alert("a-1", Ward.MorningRound);
        var resolvedAt = Ward.MorningRound.AddMinutes(20);
        var resolved = raised with { Status = AlertStatus.Resolved, ResolvedBy = "nurse.jansen", ResolvedAt = resolvedAt, Outcome = "called", UpdatedAt = resolvedAt };

        Task filler, newer, stale;
        // Holding the write lock stalls the writer on the filler's batch, so the newer and the stale copy queue up
        // behind it and are committed together in the next batch.
        using (var blocker = database.Open())
        using (var writeLock = blocker.BeginTransaction())
        {
            filler = index.UpsertAsync(Ward.Alert("a-filler", Ward.MorningRound), default);
            await Task.Delay(200);
            newer = index.UpsertAsync(resolved, default);
            stale = index.UpsertAsync(raised with { Level = Level.Red }, default);
            writeLock.Commit();
        }

        await Task.WhenAll(filler, newer, stale);
        var stored = await index.GetAsync("a-1", default);
        index.Dispose();

        stored!.Status.Should().Be(AlertStatus.Resolved);
        stored.Level.Should().Be(raised.Level);
        logger.Warnings.Should().ContainSingle().Which.Should().Contain("a-1");
    }

    [Fact]
    public async Task After_the_index_is_disposed_an_upsert_is_refused()
    {
        using var database = new SqliteDatabase(Path.Combine(_data.Path, EmbeddedStoreOptions.DirectoryFileName));
        var index = new SqliteAlertIndex(database, new RecordingLogger());
        await index.UpsertAsync(Ward.Alert("a-1", Ward.MorningRound), default);

        index.Dispose();

        await index.Invoking(i => i.UpsertAsync(Ward.Alert("a-2", Ward.MorningRound), default)).Should().ThrowAsync<ObjectDisposedException>();
        (await index.GetAsync("a-1", default)).Should().NotBeNull();
    }

    public void Dispose() => _data.Dispose();

    private sealed class RecordingLogger : ILogger<SqliteAlertIndex>
    {
        private readonly List<string> _warnings = [];

        public IReadOnlyList<string> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return [.. _warnings];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                lock (_warnings)
                {
                    _warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}
