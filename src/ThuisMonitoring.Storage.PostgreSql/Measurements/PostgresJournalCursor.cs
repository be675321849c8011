using Microsoft.Extensions.Logging;
using Npgsql;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Storage.PostgreSql.Measurements;

/// <summary>
/// A journal reader's cursor shared by the hosts of the cluster and leased to one of them: the lease is a session-level
/// advisory lock held on a connection of its own, so it ends with that connection (a killed host's lease ends when
/// PostgreSQL notices the connection gone). Saving runs on the lease's connection, so only the holder can move the
/// cursor; a host that lost the lease fails to save, acquires again and resumes from the cursor the new holder moved.
/// Between losing the lease and noticing, a host may forward one batch that the next holder forwards again: harmless
/// for InfluxDB, where an identical point overwrites itself.
/// </summary>
internal sealed class PostgresJournalCursor(PostgresDatabase database, string name, ILogger<PostgresJournalCursor> logger) : IJournalCursor, IAsyncDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _lease;

    public async Task<long> AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                if (_lease is null)
                {
                    _lease = await TryLeaseAsync(cancellationToken).ConfigureAwait(false);
                }

                if (_lease is not null)
                {
                    try
                    {
                        await using var read = new NpgsqlCommand("SELECT sequence FROM journal_cursors WHERE name = @name", _lease);
                        read.Parameters.AddWithValue("name", name);
                        return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long sequence ? sequence : 0;
                    }
                    catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
                    {
                        logger.LogWarning(exception, "Lost the lease on journal cursor {Cursor}", name);
                        await DropLeaseAsync().ConfigureAwait(false);
                    }
                }

                await Task.Delay(Retry, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SaveAsync(long sequence, CancellationToken cancellationToken)
    {
        // Refused at once without the lease, also while an acquire is waiting for it (and holding the gate).
        if (Volatile.Read(ref _lease) is null)
        {
            throw new InvalidOperationException($"This host does not hold journal cursor {name}.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var lease = _lease ?? throw new InvalidOperationException($"This host does not hold journal cursor {name}.");
            try
            {
                await using var save = new NpgsqlCommand("""
                    INSERT INTO journal_cursors (name, sequence, saved_at) VALUES (@name, @sequence, now())
                    ON CONFLICT (name) DO UPDATE SET sequence = excluded.sequence, saved_at = excluded.saved_at
                    """, lease);
                save.Parameters.AddWithValue("name", name);
                save.Parameters.AddWithValue("sequence", sequence);
                await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The connection, and with it the lease, is gone; the caller acquires again.
                await DropLeaseAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropLeaseAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task<NpgsqlConnection?> TryLeaseAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended('journal-cursor:' || @name, 0))", connection);
            take.Parameters.AddWithValue("name", name);
            if (await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                logger.LogInformation("This host holds journal cursor {Cursor}", name);
                return connection;
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    // The lock belongs to the session, which a pooled connection outlives: unlock before handing the connection back
    // (a broken connection is not pooled, and its session is gone with the lock).
    private async Task DropLeaseAsync()
    {
        if (Interlocked.Exchange(ref _lease, null) is { } lease)
        {
            try
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", lease);
                await unlock.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
            {
                // Already gone.
            }

            await lease.DisposeAsync().ConfigureAwait(false);
        }
    }
}
