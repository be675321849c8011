using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace ThuisMonitoring.Storage.PostgreSql.Orleans;

/// <summary>
/// Orleans' membership table on PostgreSQL: one row per silo of the cluster and one version row. Every insert or update
/// of a silo row also moves the version row, in one transaction, only when the version row still has the etag the
/// caller read (the table version's etag is its version number) and, for updates, the silo row still has its etag:
/// that is the atomic compare-and-swap Orleans' membership protocol needs. A lost race answers false, never throws.
/// </summary>
internal sealed class PostgresMembershipTable(PostgresDatabase database, IOptions<ClusterOptions> cluster, ILogger<PostgresMembershipTable> logger) : IMembershipTable
{
    private const string Columns = "silo_address, status, proxy_port, host_name, silo_name, role_name, update_zone, fault_zone, suspect_times, start_time, i_am_alive, etag";

    private string ClusterId => cluster.Value.ClusterId;

    // Orleans 10 still declares the methods without a cancellation token (obsolete, abstract): they call the new ones.
    Task IMembershipTable.InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    Task IMembershipTable.DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    Task IMembershipTable.CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    Task<MembershipTableData> IMembershipTable.ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    Task<MembershipTableData> IMembershipTable.ReadAll() => ReadAllAsync(CancellationToken.None);

    Task<bool> IMembershipTable.InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    Task<bool> IMembershipTable.UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) => UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    Task IMembershipTable.UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        if (!tryInitTableVersion)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("INSERT INTO membership_version (cluster_id, version) VALUES (@cluster, 0) ON CONFLICT DO NOTHING", connection);
        command.Parameters.AddWithValue("cluster", ClusterId);
        if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
        {
            logger.LogInformation("Membership of cluster {ClusterId} created in PostgreSQL", ClusterId);
        }
    }

    public async Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM membership_version WHERE cluster_id = @cluster", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM membership WHERE cluster_id = @cluster AND i_am_alive < @before AND status <> @active", connection);
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("before", beforeDate.UtcDateTime);
        command.Parameters.AddWithValue("active", (int)SiloStatus.Active);
        var removed = await command.ExecuteNonQueryAsync(cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} defunct silo entries of cluster {ClusterId}", removed, ClusterId);
        }
    }

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken) => ReadAsync(key, cancellationToken);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) => ReadAsync(null, cancellationToken);

    public async Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await MoveVersionAsync(connection, transaction, tableVersion, cancellationToken))
        {
            return false;
        }

        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO membership (cluster_id, {Columns})
            VALUES (@cluster, @silo, @status, @proxyPort, @hostName, @siloName, @roleName, @updateZone, @faultZone, @suspectTimes, @startTime, @iAmAlive, 0)
            ON CONFLICT DO NOTHING
            """,
            connection,
            transaction);
        AddEntry(command, entry);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        if (!int.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expected))
        {
            return false;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await MoveVersionAsync(connection, transaction, tableVersion, cancellationToken))
        {
            return false;
        }

        await using var command = new NpgsqlCommand(
            """
            UPDATE membership SET status = @status, proxy_port = @proxyPort, host_name = @hostName, silo_name = @siloName,
                role_name = @roleName, update_zone = @updateZone, fault_zone = @faultZone, suspect_times = @suspectTimes,
                start_time = @startTime, i_am_alive = @iAmAlive, etag = etag + 1
            WHERE cluster_id = @cluster AND silo_address = @silo AND etag = @etag
            """,
            connection,
            transaction);
        AddEntry(command, entry);
        command.Parameters.AddWithValue("etag", expected);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE membership SET i_am_alive = @iAmAlive WHERE cluster_id = @cluster AND silo_address = @silo", connection);
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("silo", entry.SiloAddress.ToParsableString());
        command.Parameters.AddWithValue("iAmAlive", Utc(entry.IAmAliveTime));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Moves the version row to <paramref name="next"/> if it still has the etag the caller read.</summary>
    private async Task<bool> MoveVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, TableVersion next, CancellationToken cancellationToken)
    {
        if (!int.TryParse(next.VersionEtag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var read))
        {
            return false;
        }

        await using var command = new NpgsqlCommand(
            "UPDATE membership_version SET version = @next, updated_at = now() WHERE cluster_id = @cluster AND version = @read",
            connection,
            transaction);
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("next", next.Version);
        command.Parameters.AddWithValue("read", read);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<MembershipTableData> ReadAsync(SiloAddress? silo, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One snapshot for the version and the rows (repeatable read), so the rows belong to the version answered.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var versionCommand = new NpgsqlCommand("SELECT version FROM membership_version WHERE cluster_id = @cluster", connection, transaction);
        versionCommand.Parameters.AddWithValue("cluster", ClusterId);
        var version = await versionCommand.ExecuteScalarAsync(cancellationToken) is int v ? v : 0;

        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM membership WHERE cluster_id = @cluster" + (silo is null ? string.Empty : " AND silo_address = @silo"),
            connection,
            transaction);
        command.Parameters.AddWithValue("cluster", ClusterId);
        if (silo is not null)
        {
            command.Parameters.AddWithValue("silo", silo.ToParsableString());
        }

        var rows = new List<Tuple<MembershipEntry, string>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(Tuple.Create(ReadEntry(reader), reader.GetInt32(11).ToString(CultureInfo.InvariantCulture)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new MembershipTableData(rows, new TableVersion(version, version.ToString(CultureInfo.InvariantCulture)));
    }

    private void AddEntry(NpgsqlCommand command, MembershipEntry entry)
    {
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("silo", entry.SiloAddress.ToParsableString());
        command.Parameters.AddWithValue("status", (int)entry.Status);
        command.Parameters.AddWithValue("proxyPort", entry.ProxyPort);
        command.Parameters.AddWithValue("hostName", entry.HostName ?? string.Empty);
        command.Parameters.AddWithValue("siloName", entry.SiloName ?? string.Empty);
        command.Parameters.AddWithValue("roleName", (object?)entry.RoleName ?? DBNull.Value);
        command.Parameters.AddWithValue("updateZone", entry.UpdateZone);
        command.Parameters.AddWithValue("faultZone", entry.FaultZone);
        command.Parameters.AddWithValue("suspectTimes", (object?)SuspectTimes.Format(entry.SuspectTimes) ?? DBNull.Value);
        command.Parameters.AddWithValue("startTime", Utc(entry.StartTime));
        command.Parameters.AddWithValue("iAmAlive", Utc(entry.IAmAliveTime));
    }

    private static MembershipEntry ReadEntry(NpgsqlDataReader reader) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(reader.GetString(0)),
        Status = (SiloStatus)reader.GetInt32(1),
        ProxyPort = reader.GetInt32(2),
        HostName = reader.GetString(3),
        SiloName = reader.GetString(4),
        RoleName = reader.IsDBNull(5) ? null : reader.GetString(5),
        UpdateZone = reader.GetInt32(6),
        FaultZone = reader.GetInt32(7),
        SuspectTimes = SuspectTimes.Parse(reader.IsDBNull(8) ? null : reader.GetString(8)),
        StartTime = reader.GetDateTime(9),
        IAmAliveTime = reader.GetDateTime(10),
    };

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    /// <summary>Which silos suspect this one and since when: <c>silo@ticks|silo@ticks</c>.</summary>
    private static class SuspectTimes
    {
        public static string? Format(List<Tuple<SiloAddress, DateTime>>? suspects) =>
            suspects is null || suspects.Count == 0
                ? null
                : string.Join('|', suspects.Select(s => s.Item1.ToParsableString() + "@" + Utc(s.Item2).Ticks.ToString(CultureInfo.InvariantCulture)));

        public static List<Tuple<SiloAddress, DateTime>> Parse(string? stored) =>
            string.IsNullOrEmpty(stored)
                ? []
                : stored.Split('|').Select(part =>
                {
                    var at = part.LastIndexOf('@');
                    return Tuple.Create(
                        SiloAddress.FromParsableString(part[..at]),
                        new DateTime(long.Parse(part[(at + 1)..], CultureInfo.InvariantCulture), DateTimeKind.Utc));
                }).ToList();
    }
}
