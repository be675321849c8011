using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Reminders;

/// <summary>
/// Orleans' reminder table on one SQLite file (<c>reminders.db</c>): a row per grain and reminder name, with the
/// grain's uniform hash so each silo reads the rows of its own hash range. Rows survive silo restarts, so a patient's
/// schedule watch keeps ticking for patients whose grain is not active. Every write is a single statement with
/// optimistic concurrency on the ETag, as Orleans expects of a reminder table.
/// </summary>
internal sealed class SqliteReminderTable : IReminderTable
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

    private readonly Lazy<SqliteDatabase> _database;

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
    }

    private SqliteDatabase Database => _database.Value;

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
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period_ticks, etag)
            VALUES ($grain, $name, $hash, $start, $period, $etag)
            ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
                start_at = excluded.start_at, period_ticks = excluded.period_ticks, etag = excluded.etag
            """;
        command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$name", entry.ReminderName);
        command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("$start", entry.StartAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$period", entry.Period.Ticks);
        command.Parameters.AddWithValue("$etag", etag);
        await command.ExecuteNonQueryAsync();
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reminders WHERE grain_id = $grain AND reminder_name = $name AND etag = $etag";
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        command.Parameters.AddWithValue("$etag", eTag);
        return await command.ExecuteNonQueryAsync() > 0;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reminders";
        await command.ExecuteNonQueryAsync();
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
}
