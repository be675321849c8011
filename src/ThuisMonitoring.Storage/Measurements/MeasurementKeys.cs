using Microsoft.Data.Sqlite;

namespace ThuisMonitoring.Storage.Measurements;

/// <summary>
/// The writer's numbers for the ids of one key table (<c>patient_keys</c> or <c>device_keys</c>), kept in memory: an id
/// not yet known is looked up, else inserted in the batch's transaction. Only the writer's session holds one, and a
/// session does not outlive a failed batch (the writer discards it and opens a fresh one), so a number whose insert was
/// rolled back is never kept. What others delete (erasure) is handled by <see cref="Forget"/>.
/// </summary>
internal sealed class MeasurementKeys : IDisposable
{
    private readonly Dictionary<string, long> _keys = new(StringComparer.Ordinal);
    private readonly SqliteCommand _select, _insert;
    private readonly SqliteParameter _selectId, _insertId;

    public MeasurementKeys(SqliteConnection connection, string table)
    {
        _select = connection.CreateCommand();
        _select.CommandText = $"SELECT key FROM {table} WHERE id = $id;";
        _selectId = _select.Parameters.Add("$id", SqliteType.Text);
        _select.Prepare();
        _insert = connection.CreateCommand();
        _insert.CommandText = $"INSERT INTO {table} (id) VALUES ($id) RETURNING key;";
        _insertId = _insert.Parameters.Add("$id", SqliteType.Text);
        _insert.Prepare();
    }

    public long KeyOf(string id, SqliteTransaction transaction)
    {
        if (_keys.TryGetValue(id, out var key))
        {
            return key;
        }

        _selectId.Value = id;
        _select.Transaction = transaction;
        if (_select.ExecuteScalar() is not long found)
        {
            _insertId.Value = id;
            _insert.Transaction = transaction;
            found = (long)_insert.ExecuteScalar()!;
        }

        _keys.Add(id, found);
        return found;
    }

    /// <summary>Another connection changed the file (an erasure may have deleted a key): look every id up again.</summary>
    public void Forget() => _keys.Clear();

    public void Dispose()
    {
        _select.Dispose();
        _insert.Dispose();
    }
}
