using Microsoft.Data.Sqlite;

namespace ThuisMonitoring.Storage.Sqlite;

/// <summary>
/// One SQLite file in WAL mode. Hands out pooled connections with the durability settings every connection needs.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    // FULL: in WAL mode the log is fsync'd at every commit, so a committed write survives power loss, not only a crash.
    private const string ConnectionPragmas = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        Path = fullPath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database until the command timeout.
            DefaultTimeout = 30,
        }.ToString();

        using var connection = Open();
        // Persistent in the file: set once, readers then never block the writer.
        Execute(connection, "PRAGMA journal_mode = WAL;");
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, ConnectionPragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            Execute(connection, ConnectionPragmas);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs idempotent schema statements (CREATE ... IF NOT EXISTS) in one transaction.</summary>
    public void EnsureSchema(string sql)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Closes the pooled connections so the file is released (and the WAL checkpointed).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
