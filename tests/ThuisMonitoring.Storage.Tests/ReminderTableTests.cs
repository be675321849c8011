using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using ThuisMonitoring.Storage.PostgreSql;
using ThuisMonitoring.Storage.PostgreSql.Orleans;
using ThuisMonitoring.Storage.Reminders;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// What Orleans' reminder service relies on of a reminder table, for the embedded file and for PostgreSQL: rows
/// survive a reopen, each silo reads its ring range (wrapping around zero), and writes are guarded by etags.
/// </summary>
public abstract class ReminderTableContract
{
    protected abstract Task<IReminderTable> OpenAsync();

    private static ReminderEntry Entry(string patient, string name = "schedule-watch", int minutes = 15) => new()
    {
        GrainId = GrainId.Create("patient", patient),
        ReminderName = name,
        StartAt = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(minutes),
    };

    [Fact]
    public async Task A_reminder_reads_back_after_a_reopen_with_its_etag()
    {
        var table = await OpenAsync();
        await table.StartAsync(CancellationToken.None);
        var etag = await table.UpsertRow(Entry("p-1"));

        var reopened = await OpenAsync();
        await reopened.StartAsync(CancellationToken.None);
        var read = await reopened.ReadRow(GrainId.Create("patient", "p-1"), "schedule-watch");

        read.Should().NotBeNull();
        read!.ETag.Should().Be(etag);
        read.StartAt.Should().Be(new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc));
        read.StartAt.Kind.Should().Be(DateTimeKind.Utc);
        read.Period.Should().Be(TimeSpan.FromMinutes(15));
        (await reopened.ReadRow(GrainId.Create("patient", "p-1"), "other")).Should().BeNull();
    }

    [Fact]
    public async Task An_upsert_replaces_the_row_and_a_removal_needs_the_current_etag()
    {
        var table = await OpenAsync();
        await table.StartAsync(CancellationToken.None);
        var first = await table.UpsertRow(Entry("p-2"));
        var second = await table.UpsertRow(Entry("p-2", minutes: 5));

        (await table.RemoveRow(GrainId.Create("patient", "p-2"), "schedule-watch", first!)).Should().BeFalse("the etag is stale");
        (await table.ReadRow(GrainId.Create("patient", "p-2"), "schedule-watch"))!.Period.Should().Be(TimeSpan.FromMinutes(5));
        (await table.RemoveRow(GrainId.Create("patient", "p-2"), "schedule-watch", second!)).Should().BeTrue();
        (await table.ReadRows(GrainId.Create("patient", "p-2"))).Reminders.Should().BeEmpty();
    }

    [Fact]
    public async Task The_ring_ranges_of_all_silos_together_read_every_reminder_exactly_once()
    {
        var table = await OpenAsync();
        await table.StartAsync(CancellationToken.None);
        var patients = Enumerable.Range(0, 40).Select(i => $"ring-{i}").ToList();
        foreach (var patient in patients)
        {
            await table.UpsertRow(Entry(patient));
        }

        // Three silos' ranges on the ring, the last one wrapping around zero: (a, b], (b, c], (c, a].
        const uint a = 0x4000_0000, b = 0x9000_0000, c = 0xE000_0000;
        var read = new List<string>();
        foreach (var (begin, end) in new[] { (a, b), (b, c), (c, a) })
        {
            read.AddRange((await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.Key.ToString()!));
        }

        read.Should().BeEquivalentTo(patients, "every reminder belongs to exactly one silo's range");
        (await table.ReadRows(a, a)).Reminders.Should().HaveCount(patients.Count, "begin = end is the whole ring");
    }
}

public sealed class SqliteReminderTableTests : ReminderTableContract, IDisposable
{
    private readonly TemporaryDataDirectory _data = new();

    protected override Task<IReminderTable> OpenAsync() =>
        Task.FromResult<IReminderTable>(new SqliteReminderTable(Path.Combine(_data.Path, EmbeddedRemindersExtensions.FileName), NullLogger<SqliteReminderTable>.Instance));

    public void Dispose() => _data.Dispose();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderTableTests(PostgresCluster cluster) : ReminderTableContract, IAsyncLifetime
{
    private PostgresDatabase? _database;

    public async Task InitializeAsync() => _database = await cluster.NewDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override Task<IReminderTable> OpenAsync() =>
        Task.FromResult<IReminderTable>(new PostgresReminderTable(_database!, PostgresCluster.Cluster()));
}
