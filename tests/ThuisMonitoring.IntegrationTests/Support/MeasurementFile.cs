using Microsoft.Data.Sqlite;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>
/// The host's measurements file (<c>measurements.db</c> under <c>Data:Directory</c>, one row per accepted measurement
/// object; see src/ThuisMonitoring.Storage/README.md), opened read-only: the API shows only the last measurement,
/// and a count of what was stored needs every row.
/// </summary>
public static class MeasurementFile
{
    public static async Task<IReadOnlyList<string?>> MessageIdsOfAsync(HostProcess host, string deviceId)
    {
        var path = Path.Combine(host.DataDirectory, "measurements.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id FROM measurements WHERE device_id = $device ORDER BY measured_at_ticks";
        command.Parameters.AddWithValue("$device", deviceId);
        var ids = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return ids;
    }
}
