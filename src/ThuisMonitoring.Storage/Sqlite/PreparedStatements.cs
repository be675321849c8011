using Microsoft.Data.Sqlite;

namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>
/// The usual writer session: one connection and one prepared command per SQL text, reused for every change of every
/// batch (SQLite then parses each statement once per connection, not once per change).
/// </summary>
internal sealed class PreparedStatements(SqliteConnection connection) : IGroupCommitSession
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>The command for <paramref name="sql"/> in the batch's transaction, its parameters cleared for re-binding.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        Connection.Dispose();
    }
}
