using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// The writer's log is checkpointed off its path (<see cref="WalCheckpointer"/>): background checkpoints put committed
/// pages into the file although the writer's own automatic checkpoint is off, the log stays bounded under writes that
/// never pause, and when the background checkpoints could not keep up the writer copies the log itself between two
/// batches so that it starts over.
/// </summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private const int PageText = 3000; // about one 4 KiB page per row
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TemporaryDataDirectory _data = new();
    private readonly SqliteDatabase _database;

    public WalCheckpointerTests()
    {
        _database = new SqliteDatabase(Path.Combine(_data.Path, "log.db"));
        _database.EnsureSchema("CREATE TABLE IF NOT EXISTS pages (id INTEGER PRIMARY KEY, text TEXT NOT NULL);");
    }

    [Fact]
    public async Task Background_checkpoints_put_committed_pages_into_the_file()
    {
        await using var writer = Writer(GroupCommitOptions.Default);
        var fileBefore = new FileInfo(_database.Path).Length;

        // 200 pages: under SQLite's own 1,000-page automatic checkpoint, so only the background one copies them.
        for (var id = 1; id <= 200; id++)
        {
            await writer.WriteAsync(new PageRow(id), default).WaitAsync(Patience);
        }

        await WaitUntilAsync(() => new FileInfo(_database.Path).Length >= 200L * PageText);

        fileBefore.Should().BeLessThan(200L * PageText);
        writer.Checkpointer.Checkpoints.Should().BeGreaterThan(0);
        writer.Checkpointer.CatchUps.Should().Be(0, "an idle writer's log is copied wholly in the background");
    }

    [Fact]
    public async Task The_log_stays_bounded_while_writes_never_pause()
    {
        const int Callers = 8;
        const int RowsEach = 600;
        await using var writer = Writer(GroupCommitOptions.Default with { CheckpointInterval = TimeSpan.FromMilliseconds(1), CatchUpLogFrames = 256 });

        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var row = 0; row < RowsEach; row++)
            {
                await writer.WriteAsync(new PageRow((caller * RowsEach) + row + 1), default);
            }
        })).ToList();
        await Task.WhenAll(callers).WaitAsync(Patience * 3);

        // Each row takes about a page of its own (4,800 pages of 4 KiB, 19.7 MB). Without the writer's catch-up the log
        // starts over only when a background checkpoint happens to finish between two transactions: it grew to 17-87 MB
        // here. With it, it stays near its bound of 256 pages plus what the writer appends while a background
        // checkpoint looks (1-4 MB seen on a loaded 2-core machine). The log file keeps its high-water mark when SQLite starts the log over, so its
        // length is the largest the log got.
        var everyPage = (long)Callers * RowsEach * 4096;
        new FileInfo(_database.Path + "-wal").Length.Should().BeLessThan(everyPage / 2, "a log that starts over holds far fewer than the pages written ({0:N0} bytes)", everyPage);
        (await CountAsync()).Should().Be(Callers * RowsEach);
    }

    [Fact]
    public async Task A_log_the_background_could_not_copy_is_copied_by_the_writer_between_batches_and_starts_over()
    {
        var clock = new FakeTimeProvider();
        await using var writer = Writer(GroupCommitOptions.Default with { CheckpointInterval = TimeSpan.FromHours(1), CatchUpLogFrames = 64 }, clock);

        // A reader's snapshot keeps a checkpoint from copying anything committed after it.
        await using (var reader = await _database.OpenAsync(default))
        {
            await using var snapshot = reader.BeginTransaction(deferred: true);
            await using (var read = reader.CreateCommand())
            {
                read.Transaction = snapshot;
                read.CommandText = "SELECT COUNT(*) FROM pages;";
                await read.ExecuteScalarAsync();
            }

            for (var id = 1; id <= 100; id++)
            {
                await writer.WriteAsync(new PageRow(id), default).WaitAsync(Patience);
            }

            await WaitUntilAsync(() => writer.Checkpointer.Checkpoints >= 1);
            clock.Advance(TimeSpan.FromHours(1));
            await WaitUntilAsync(() => writer.Checkpointer.Checkpoints >= 2);
            writer.Checkpointer.MustCatchUp.Should().BeTrue("the background saw a log of 100 pages it could not copy, so it cannot have started over");
        }

        // The background now pauses for an hour of the test clock: only the writer can copy the log.
        await writer.WriteAsync(new PageRow(101), default).WaitAsync(Patience);
        await WaitUntilAsync(() => writer.Checkpointer.CatchUps >= 1);
        writer.Checkpointer.MustCatchUp.Should().BeFalse();

        await writer.WriteAsync(new PageRow(102), default).WaitAsync(Patience);
        (await LogFramesAsync()).Should().BeLessThan(64, "the commit after the writer's checkpoint started the log over");
        (await CountAsync()).Should().Be(102);
    }

    public void Dispose()
    {
        _database.Dispose();
        _data.Dispose();
    }

    private GroupCommitWriter<PreparedStatements> Writer(GroupCommitOptions options, TimeProvider? time = null) =>
        new(_database, "test pages", options, connection => new PreparedStatements(connection), time: time);

    private async Task<long> CountAsync()
    {
        await using var connection = await _database.OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pages;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Frames in the log now (a passive checkpoint's second column; it copies nothing new here: all is copied).</summary>
    private async Task<long> LogFramesAsync()
    {
        await using var connection = await _database.OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        return reader.GetInt64(1);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue("it should have happened within {0}", Patience);
    }

    /// <summary>A row of about one page.</summary>
    private sealed class PageRow(long id) : GroupCommitChange<PreparedStatements, bool>(CancellationToken.None)
    {
        private static readonly string Text = new('x', PageText);

        protected override bool Apply(PreparedStatements session, SqliteTransaction transaction)
        {
            var command = session.Command("INSERT INTO pages (id, text) VALUES ($id, $text);", transaction);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$text", Text);
            return command.ExecuteNonQuery() == 1;
        }

        protected override Exception NotWritten(Exception cause) => new IOException($"Page {id} was not written: {cause.Message}", cause);
    }
}
