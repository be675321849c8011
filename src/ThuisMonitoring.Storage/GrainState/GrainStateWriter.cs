using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.GrainState;

/// <summary>
/// Grain state changes through the file's one writer (<see cref="GroupCommitWriter{TSession}"/>): every change that
/// has queued is applied in one transaction and one fsync, then each grain is answered (new version, or a version
/// conflict). Thousands of patient grains saving their episodes then cost a few commits a second.
/// </summary>
internal sealed class GrainStateWriter(SqliteDatabase database, TimeProvider time, ILogger logger) : IAsyncDisposable, IDisposable
{
    private const string InsertSql = """
        INSERT INTO grain_state (state_name, grain_id, grain_type, version, payload, updated_at_ticks)
        VALUES ($stateName, $grainId, $grainType, 1, $payload, $updatedAt)
        ON CONFLICT DO NOTHING
        RETURNING version;
        """;

    private const string UpdateSql = """
        UPDATE grain_state SET version = version + 1, payload = $payload, updated_at_ticks = $updatedAt
        WHERE state_name = $stateName AND grain_id = $grainId AND version = $expected
        RETURNING version;
        """;

    private const string LookupSql = "SELECT version FROM grain_state WHERE state_name = $stateName AND grain_id = $grainId;";

    private readonly GroupCommitWriter<PreparedStatements> _writer = new(database, "grain state", GroupCommitOptions.Default, c => new PreparedStatements(c), logger);

    /// <summary>Writes the payload (null clears) if the stored version is <paramref name="expected"/> (null: no row yet).</summary>
    public Task<long> ChangeAsync(string stateName, GrainId grainId, long? expected, string? payload, CancellationToken cancellationToken) =>
        _writer.WriteAsync(new Change(stateName, grainId, expected, payload, time), cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public void Dispose() => _writer.Dispose();

    private sealed class Change(string stateName, GrainId grainId, long? expected, string? payload, TimeProvider time)
        : GroupCommitChange<PreparedStatements, long>(CancellationToken.None)
    {
        private long? _stored;

        protected override long Apply(PreparedStatements session, SqliteTransaction transaction)
        {
            var command = session.Command(expected is null ? InsertSql : UpdateSql, transaction);
            command.Parameters.AddWithValue("$stateName", stateName);
            command.Parameters.AddWithValue("$grainId", grainId.ToString());
            command.Parameters.AddWithValue("$payload", SqliteValues.OrNull(payload));
            command.Parameters.AddWithValue("$updatedAt", time.GetUtcNow().UtcTicks);
            if (expected is null)
            {
                command.Parameters.AddWithValue("$grainType", grainId.Type.ToString());
            }
            else
            {
                command.Parameters.AddWithValue("$expected", expected.Value);
            }

            if (command.ExecuteScalar() is long version)
            {
                return version;
            }

            var lookup = session.Command(LookupSql, transaction);
            lookup.Parameters.AddWithValue("$stateName", stateName);
            lookup.Parameters.AddWithValue("$grainId", grainId.ToString());
            _stored = lookup.ExecuteScalar() as long?;
            return 0;
        }

        public override void Committed()
        {
            if (Outcome != 0)
            {
                base.Committed();
                return;
            }

            var expectedText = expected is { } e ? e.ToString(CultureInfo.InvariantCulture) : "none";
            var storedText = _stored is { } s ? s.ToString(CultureInfo.InvariantCulture) : "none";
            Refuse(new InconsistentStateException(
                $"Version conflict writing {stateName} for grain {grainId}: the grain has etag {expectedText}, the store has {storedText}.",
                storedText,
                expectedText));
        }

        protected override Exception NotWritten(Exception cause) => new IOException("Grain state could not be written.", cause);
    }
}
