using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Storage.Audit;
using ThuisMonitoring.Storage.PostgreSql.Measurements;

namespace ThuisMonitoring.Storage.PostgreSql.Audit;

/// <summary>
/// The NEN 7513 audit trail of the whole cluster in its database, chained by the embedded trail's rule
/// (<see cref="AuditChain"/>). Each host appends by group commit: one writer takes whatever has queued, and in one
/// transaction takes the trail's advisory lock (<see cref="ChainLock"/>), reads the chain head as the last commit of
/// any host left it, numbers and chains the batch after it and commits; only then are the callers answered. Hosts'
/// batches therefore take turns and the chain has one head. A change may carry many events (<see cref="RecordAllAsync"/>),
/// always written in one transaction; a batch goes in by binary COPY. Only INSERT: triggers refuse UPDATE, DELETE and TRUNCATE.
/// </summary>
internal sealed class PostgresAuditTrail : IAuditTrail, IAuditLog, IAsyncDisposable
{
    public const long ChainLock = 0x7468_6175_6469_7421;

    private const int MaxBatch = 1024;

    private const string Columns =
        "id, at_ticks, at_offset_minutes, actor, role, organisation, patient_id, resource, action, channel, purpose, previous_hash, hash";

    private readonly PostgresDatabase _database;
    private readonly ILogger<PostgresAuditTrail> _logger;
    private readonly Channel<Change> _queue = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgresAuditTrail(PostgresDatabase database, ILogger<PostgresAuditTrail> logger)
    {
        _database = database;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public ValueTask RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => RecordAllAsync([auditEvent], cancellationToken);

    public ValueTask RecordAllAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvents);
        foreach (var auditEvent in auditEvents)
        {
            AuditEventCheck.ThrowIfIncomplete(auditEvent);
        }

        if (auditEvents.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var change = new Change(auditEvents);
        if (!_queue.Writer.TryWrite(change))
        {
            throw new ObjectDisposedException(nameof(PostgresAuditTrail));
        }

        // Not cancelled once queued: a request that goes away still leaves its record.
        return new ValueTask(change.Done.Task);
    }

    public async ValueTask<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, AuditQuery.MaxPageSize);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand { Connection = connection };
        var where = new StringBuilder("WHERE true");
        if (query.PatientId is not null)
        {
            where.Append(" AND patient_id = @patient");
            command.Parameters.AddWithValue("patient", query.PatientId);
        }

        if (query.Actor is not null)
        {
            // ASCII case-insensitive, as the embedded trail's NOCASE.
            where.Append(" AND lower(actor) = lower(@actor)");
            command.Parameters.AddWithValue("actor", query.Actor);
        }

        if (query.From is { } from)
        {
            where.Append(" AND at_ticks >= @from");
            command.Parameters.AddWithValue("from", from.UtcTicks);
        }

        if (query.To is { } to)
        {
            where.Append(" AND at_ticks <= @to");
            command.Parameters.AddWithValue("to", to.UtcTicks);
        }

        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"SELECT {Columns} FROM audit_records {where} ORDER BY id DESC LIMIT @limit OFFSET @offset");
        command.Parameters.AddWithValue("limit", pageSize + 1);
        command.Parameters.AddWithValue("offset", (long)(page - 1) * pageSize);
        var records = new List<AuditRecord>(pageSize + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records.Add(Read(reader));
            }
        }

        var hasMore = records.Count > pageSize;
        if (hasMore)
        {
            records.RemoveAt(records.Count - 1);
        }

        return new AuditPage(records, page, pageSize, hasMore);
    }

    /// <summary>Walks the chain from record 1 (streamed), with the embedded trail's walk.</summary>
    public ValueTask<AuditVerification> VerifyAsync(CancellationToken cancellationToken) =>
        AuditChainCheck.WalkAsync(RowsAsync(cancellationToken), cancellationToken);

    private async IAsyncEnumerable<(AuditRecord, string)> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM audit_records ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return (Read(reader), reader.GetString(11));
        }
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_queue.Writer.TryComplete())
        {
            await _writer.ConfigureAwait(false);
        }
    }

    private static AuditRecord Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        new AuditEvent(
            MeasurementColumns.Instant(reader.GetInt64(1), reader.GetInt32(2)),
            reader.GetString(3),
            reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.GetString(7),
            reader.GetString(8),
            reader.GetString(9),
            reader.GetString(10)),
        reader.GetString(12));

    private async Task WriteLoopAsync()
    {
        var batch = new List<Change>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var change))
            {
                batch.Add(change);
            }

            try
            {
                await WriteAsync(batch).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "Writing {Count} audit records failed", batch.Count);
                foreach (var change in batch)
                {
                    change.Done.TrySetException(new IOException("The audit trail could not be written.", exception));
                }

                continue;
            }

            foreach (var change in batch)
            {
                change.Done.TrySetResult();
            }
        }
    }

    private async Task WriteAsync(List<Change> batch)
    {
        await _database.MigrateAsync(CancellationToken.None).ConfigureAwait(false);
        await using var connection = await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using (var lockChain = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, transaction))
        {
            lockChain.Parameters.AddWithValue("lock", ChainLock);
            await lockChain.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        var (id, previous) = (0L, AuditChain.Genesis);
        await using (var head = new NpgsqlCommand("SELECT id, hash FROM audit_records ORDER BY id DESC LIMIT 1", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync().ConfigureAwait(false))
        {
            if (await reader.ReadAsync().ConfigureAwait(false))
            {
                (id, previous) = (reader.GetInt64(0), reader.GetString(1));
            }
        }

        // Binary COPY: one round trip for the whole batch (a list answer's 10,000 records), the rows numbered and
        // chained here under the lock exactly as an INSERT would have them.
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY audit_records ({Columns}) FROM STDIN (FORMAT BINARY)").ConfigureAwait(false))
        {
            foreach (var e in batch.SelectMany(change => change.Events))
            {
                id++;
                var hash = AuditChain.Hash(previous, id, e);
                await copy.StartRowAsync().ConfigureAwait(false);
                await copy.WriteAsync(id, NpgsqlDbType.Bigint).ConfigureAwait(false);
                await copy.WriteAsync(e.At.UtcTicks, NpgsqlDbType.Bigint).ConfigureAwait(false);
                await copy.WriteAsync(MeasurementColumns.OffsetMinutes(e.At), NpgsqlDbType.Integer).ConfigureAwait(false);
                await copy.WriteAsync(e.Actor, NpgsqlDbType.Text).ConfigureAwait(false);
                await copy.WriteAsync(e.Role, NpgsqlDbType.Text).ConfigureAwait(false);
                await WriteNullableAsync(copy, e.Organisation).ConfigureAwait(false);
                await WriteNullableAsync(copy, e.PatientId).ConfigureAwait(false);
                await copy.WriteAsync(e.Resource, NpgsqlDbType.Text).ConfigureAwait(false);
                await copy.WriteAsync(e.Action, NpgsqlDbType.Text).ConfigureAwait(false);
                await copy.WriteAsync(e.Channel, NpgsqlDbType.Text).ConfigureAwait(false);
                await copy.WriteAsync(e.Purpose, NpgsqlDbType.Text).ConfigureAwait(false);
                await copy.WriteAsync(previous, NpgsqlDbType.Text).ConfigureAwait(false);
                await copy.WriteAsync(hash, NpgsqlDbType.Text).ConfigureAwait(false);
                previous = hash;
            }

            await copy.CompleteAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, NpgsqlDbType.Text);

    private sealed record Change(IReadOnlyList<AuditEvent> Events)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
