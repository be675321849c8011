using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace ThuisMonitoring.Storage.PostgreSql.Orleans;

/// <summary>
/// Orleans' reminder table on PostgreSQL, shared by every silo of the service: a row per grain and reminder name with
/// the grain's uniform hash, so each silo reads the rows of its own ring range and a reminder whose silo died fires on
/// the silo that takes the range over. Writes are single statements with optimistic concurrency on the etag.
/// </summary>
internal sealed class PostgresReminderTable(PostgresDatabase database, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period_ticks, etag";

    private string ServiceId => cluster.Value.ServiceId;

    public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    // Orleans 10 still declares Init (obsolete, abstract): it starts the table like StartAsync.
    Task IReminderTable.Init() => StartAsync(CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        ReadAsync("grain_id = @grain", command => command.Parameters.AddWithValue("grain", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // Orleans' ring ranges are (begin, end]; begin >= end wraps around zero (the whole ring when equal).
        var condition = begin < end ? "grain_hash > @begin AND grain_hash <= @end" : "(grain_hash > @begin OR grain_hash <= @end)";
        return ReadAsync(condition, command =>
        {
            command.Parameters.AddWithValue("begin", (long)begin);
            command.Parameters.AddWithValue("end", (long)end);
        });
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await ReadAsync("grain_id = @grain AND reminder_name = @name", command =>
        {
            command.Parameters.AddWithValue("grain", grainId.ToString());
            command.Parameters.AddWithValue("name", reminderName);
        });
        // Orleans treats a null entry as "no such reminder".
        return rows.Reminders.Count > 0 ? rows.Reminders[0] : null;
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period_ticks, etag)
            VALUES (@service, @grain, @name, @hash, @start, @period, @etag)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                start_at = excluded.start_at, period_ticks = excluded.period_ticks, etag = excluded.etag
            """,
            connection);
        command.Parameters.AddWithValue("service", ServiceId);
        command.Parameters.AddWithValue("grain", entry.GrainId.ToString());
        command.Parameters.AddWithValue("name", entry.ReminderName);
        command.Parameters.AddWithValue("hash", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("start", DateTime.SpecifyKind(entry.StartAt.ToUniversalTime(), DateTimeKind.Utc));
        command.Parameters.AddWithValue("period", entry.Period.Ticks);
        command.Parameters.AddWithValue("etag", etag);
        await command.ExecuteNonQueryAsync();
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            "DELETE FROM reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND etag = @etag",
            connection);
        command.Parameters.AddWithValue("service", ServiceId);
        command.Parameters.AddWithValue("grain", grainId.ToString());
        command.Parameters.AddWithValue("name", reminderName);
        command.Parameters.AddWithValue("etag", eTag);
        return await command.ExecuteNonQueryAsync() > 0;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("DELETE FROM reminders WHERE service_id = @service", connection);
        command.Parameters.AddWithValue("service", ServiceId);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<ReminderTableData> ReadAsync(string condition, Action<NpgsqlCommand> parameters)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM reminders WHERE service_id = @service AND {condition}", connection);
        command.Parameters.AddWithValue("service", ServiceId);
        parameters(command);
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return new ReminderTableData(entries);
    }
}
