using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Reminders;

/// <summary>
/// Orleans' reminder table on one SQLite file (<c>reminders.db</c>): a row per grain and reminder name, with the
/// grain's uniform hash so each silo reads the rows of its own hash range. Rows survive silo restarts, so a patient's
/// schedule watch keeps ticking for patients whose grain is not active. Every write is a single statement with
/// optimistic concurrency on the ETag, as Orleans expects of a reminder table, and goes through the file's one writer
/// (<see cref="GroupCommitWriter{TSession}"/>): registrations that come together (enrolments, an activation storm)
/// share a commit, and no caller waits on SQLite's write lock on a grain thread.
/// </summary>
internal sealed class SqliteReminderTable : IReminderTable, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS reminders (
            grain_id      TEXT    NOT NULL,
            reminder_name TEXT    NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      TEXT    NOT NULL,
            period_ticks  INTEGER NOT NULL,
            etag          TEXT    NOT NULL,
            PRIMARY KEY (grain_id, reminder_name)
        );
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
        """;

    private const string Columns = "grain_id, reminder_name, start_at, period_ticks, etag";

    private const string UpsertSql = """
        INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period_ticks, etag)
        VALUES ($grain, $name, $hash, $start, $period, $etag)
        ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
            start_at = excluded.start_at, period_ticks = excluded.period_ticks, etag = excluded.etag
        """;

    private const string RemoveSql = "DELETE FROM reminders WHERE grain_id = $grain AND reminder_name = $name AND etag = $etag";

    private readonly Lazy<SqliteDatabase> _database;
    private readonly Lazy<GroupCommitWriter<PreparedStatements>> _writer;

    public SqliteReminderTable(string path, ILogger<SqliteReminderTable> logger)
    {
        // Created on first use as well as in Init: the file and schema exist whichever the reminder service calls first.
        _database = new Lazy<SqliteDatabase>(() =>
        {
            var database = new SqliteDatabase(path);
            database.EnsureSchema(Schema);
            logger.LogInformation("Reminder table on {Path}", database.Path);
            return database;
        });
        _writer = new Lazy<GroupCommitWriter<PreparedStatements>>(() =>
            new GroupCommitWriter<PreparedStatements>(Database, "reminders", GroupCommitOptions.Default, c => new PreparedStatements(c), logger));
    }

    private SqliteDatabase Database => _database.Value;

    private GroupCommitWriter<PreparedStatements> Writer => _writer.Value;

    public Task Init()
    {
        _ = Database;
        return Task.CompletedTask;
    }

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM reminders WHERE grain_id = $grain";
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        return new ReminderTableData(await ReadEntriesAsync(command));
    }

    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // Orleans' ring ranges are (begin, end]; begin >= end wraps around zero (the whole ring when equal).
        var condition = begin < end
            ? "grain_hash > $begin AND grain_hash <= $end"
            : "grain_hash > $begin OR grain_hash <= $end";
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM reminders WHERE {condition}";
        command.Parameters.AddWithValue("$begin", (long)begin);
        command.Parameters.AddWithValue("$end", (long)end);
        return new ReminderTableData(await ReadEntriesAsync(command));
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM reminders WHERE grain_id = $grain AND reminder_name = $name";
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        var entries = await ReadEntriesAsync(command);
        // Orleans treats a null entry as "no such reminder".
        return entries.Count > 0 ? entries[0] : null;
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var etag = Guid.NewGuid().ToString("N");
        await Writer.WriteAsync(new ReminderChange(UpsertSql, parameters =>
        {
            parameters.AddWithValue("$grain", entry.GrainId.ToString());
            parameters.AddWithValue("$name", entry.ReminderName);
            parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
            parameters.AddWithValue("$start", entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            parameters.AddWithValue("$period", entry.Period.Ticks);
            parameters.AddWithValue("$etag", etag);
        }), CancellationToken.None);
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        var removed = await Writer.WriteAsync(new ReminderChange(RemoveSql, parameters =>
        {
            parameters.AddWithValue("$grain", grainId.ToString());
            parameters.AddWithValue("$name", reminderName);
            parameters.AddWithValue("$etag", eTag);
        }), CancellationToken.None);
        return removed > 0;
    }

    public Task TestOnlyClearTable() =>
        Writer.WriteAsync(new ReminderChange("DELETE FROM reminders", _ => { }), CancellationToken.None);

    /// <summary>Writes what is queued, then closes the file.</summary>
    public void Dispose()
    {
        if (_writer.IsValueCreated)
        {
            _writer.Value.Dispose();
        }

        if (_database.IsValueCreated)
        {
            _database.Value.Dispose();
        }
    }

    private static async Task<List<ReminderEntry>> ReadEntriesAsync(SqliteCommand command)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = DateTime.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return entries;
    }

    /// <summary>One statement in the writer's batch, answered with the rows it changed.</summary>
    private sealed class ReminderChange(string sql, Action<SqliteParameterCollection> bind) : GroupCommitChange<PreparedStatements, int>(CancellationToken.None)
    {
        protected override int Apply(PreparedStatements session, SqliteTransaction transaction)
        {
            var command = session.Command(sql, transaction);
            bind(command.Parameters);
            return command.ExecuteNonQuery();
        }

        protected override Exception NotWritten(Exception cause) => new IOException($"The reminder table could not be written: {cause.Message}", cause);
    }
}
