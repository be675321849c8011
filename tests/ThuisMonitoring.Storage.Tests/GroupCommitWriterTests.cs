using Microsoft.Data.Sqlite;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// The one group-commit writer every SQLite store writes through: concurrent callers share commits and are answered
/// only after theirs, a failing batch fails exactly its callers and the writer goes on, a full queue makes callers wait,
/// a change cancelled before it is taken is not written, and disposing writes what was queued. A gate change holds
/// the writer inside a batch, so what queues meanwhile is known to form the next batch (no timing assumptions).
/// </summary>
public sealed class GroupCommitWriterTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TemporaryDataDirectory _data = new();
    private readonly SqliteDatabase _database;

    public GroupCommitWriterTests()
    {
        _database = new SqliteDatabase(Path.Combine(_data.Path, "writer.db"));
        _database.EnsureSchema("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);");
    }

    [Fact]
    public async Task Many_concurrent_callers_share_commits_and_each_is_answered_after_its_own_commit()
    {
        await using var writer = Writer();
        var gate = new Gate();
        var held = writer.WriteAsync(gate, default);
        await gate.Entered.WaitAsync(Patience);

        // Each caller, once answered, reads its own row on another connection: it must already be committed.
        var callers = Enumerable.Range(1, 500).Select(id => Task.Run(async () =>
        {
            await writer.WriteAsync(new Note(id), default);
            return await CountAsync($"id = {id}");
        })).ToList();
        await WaitUntilWaitingAsync(writer, callers);
        gate.Open();

        var seen = await Task.WhenAll(callers).WaitAsync(Patience);
        await held;

        seen.Should().OnlyContain(count => count == 1);
        (await CountAsync("1 = 1")).Should().Be(500);
        writer.Commits.Should().BeLessThan(callers.Count / 10, "500 callers that queued together share a few commits, not one each");
    }

    [Fact]
    public async Task A_failing_batch_fails_every_caller_of_that_batch_and_the_writer_goes_on()
    {
        await using var writer = Writer();
        var gate = new Gate();
        var held = writer.WriteAsync(gate, default);
        await gate.Entered.WaitAsync(Patience);

        var good = Enumerable.Range(1, 20).Select(id => writer.WriteAsync(new Note(id), default)).ToList();
        var bad = writer.WriteAsync(new Note(5), default); // the same primary key as a note of the same batch
        gate.Open();
        await held;

        foreach (var caller in good.Append(bad))
        {
            await caller.Invoking(c => c.WaitAsync(Patience)).Should().ThrowAsync<IOException>().WithMessage("*not written*");
        }

        (await CountAsync("1 = 1")).Should().Be(0, "none of the failed batch is written");
        await writer.WriteAsync(new Note(1), default).WaitAsync(Patience);
        (await CountAsync("id = 1")).Should().Be(1, "the writer goes on with a fresh connection");
    }

    [Fact]
    public async Task When_the_queue_is_full_callers_wait_for_room_and_are_all_written()
    {
        await using var writer = Writer(new GroupCommitOptions(BatchSize: 3, QueueCapacity: 2));
        var gate = new Gate();
        var held = writer.WriteAsync(gate, default);
        await gate.Entered.WaitAsync(Patience);

        var callers = Enumerable.Range(1, 12).Select(id => writer.WriteAsync(new Note(id), default)).ToList();
        callers.Should().Contain(c => !c.IsCompleted);
        gate.Open();

        await Task.WhenAll(callers).WaitAsync(Patience);
        await held;
        (await CountAsync("1 = 1")).Should().Be(12);
        writer.Commits.Should().BeGreaterThanOrEqualTo(1 + 12 / 3, "a batch carries at most BatchSize changes");
    }

    [Fact]
    public async Task A_change_cancelled_before_the_writer_takes_it_is_not_written()
    {
        await using var writer = Writer();
        var gate = new Gate();
        var held = writer.WriteAsync(gate, default);
        await gate.Entered.WaitAsync(Patience);

        using var cancellation = new CancellationTokenSource();
        var cancelled = writer.WriteAsync(new Note(1, cancellation.Token), cancellation.Token);
        var kept = writer.WriteAsync(new Note(2), default);
        await cancellation.CancelAsync();
        gate.Open();

        await cancelled.Invoking(c => c.WaitAsync(Patience)).Should().ThrowAsync<OperationCanceledException>();
        await kept.WaitAsync(Patience);
        await held;
        (await CountAsync("id = 1")).Should().Be(0);
        (await CountAsync("id = 2")).Should().Be(1);
    }

    [Fact]
    public async Task Disposing_writes_what_was_queued_then_refuses_new_changes()
    {
        var writer = Writer();
        var gate = new Gate();
        var held = writer.WriteAsync(gate, default);
        await gate.Entered.WaitAsync(Patience);
        var queued = Enumerable.Range(1, 50).Select(id => writer.WriteAsync(new Note(id), default)).ToList();

        var disposing = writer.DisposeAsync().AsTask();
        gate.Open();
        await disposing.WaitAsync(Patience);

        queued.Should().OnlyContain(c => c.IsCompletedSuccessfully);
        await held;
        (await CountAsync("1 = 1")).Should().Be(50);
        await writer.Invoking(w => w.WriteAsync(new Note(99), default)).Should().ThrowAsync<ObjectDisposedException>();
    }

    public void Dispose()
    {
        _database.Dispose();
        _data.Dispose();
    }

    private GroupCommitWriter<PreparedStatements> Writer(GroupCommitOptions? options = null) =>
        new(_database, "test notes", options ?? GroupCommitOptions.Default, connection => new PreparedStatements(connection));

    private async Task<long> CountAsync(string condition)
    {
        await using var connection = await _database.OpenAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM notes WHERE {condition};";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits until every caller has at least queued (Task.Run has started them), with a generous deadline.</summary>
    private static async Task WaitUntilWaitingAsync(GroupCommitWriter<PreparedStatements> writer, IReadOnlyList<Task> callers)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (writer.Waiting < callers.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        writer.Waiting.Should().BeGreaterThanOrEqualTo(callers.Count);
    }

    /// <summary>A note row: the writer's changes in these tests.</summary>
    private sealed class Note(long id, CancellationToken cancellation = default) : GroupCommitChange<PreparedStatements, bool>(cancellation)
    {
        protected override bool Apply(PreparedStatements session, SqliteTransaction transaction)
        {
            var command = session.Command("INSERT INTO notes (id, text) VALUES ($id, $text);", transaction);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$text", "note " + id);
            return command.ExecuteNonQuery() == 1;
        }

        protected override Exception NotWritten(Exception cause) => new IOException($"The note was not written: {cause.Message}", cause);
    }

    /// <summary>A change that holds the writer inside its batch until opened.</summary>
    private sealed class Gate() : GroupCommitChange<PreparedStatements, bool>(CancellationToken.None)
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _open = new();

        public Task Entered => _entered.Task;

        public void Open() => _open.Set();

        protected override bool Apply(PreparedStatements session, SqliteTransaction transaction)
        {
            _entered.TrySetResult();
            return _open.Wait(Patience);
        }

        protected override Exception NotWritten(Exception cause) => new IOException("The gate was not written.", cause);
    }
}
