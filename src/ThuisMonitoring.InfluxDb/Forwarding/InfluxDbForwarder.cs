using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.InfluxDb.Client;
using ThuisMonitoring.InfluxDb.LineProtocol;

namespace ThuisMonitoring.InfluxDb.Forwarding;

/// <summary>
/// Drains the measurement store into InfluxDB. The store is the durable queue: a measurement is fsync'd there
/// before the device gets its PUBACK. This service reads the measurements after its cursor in sequence order, writes
/// them in batches (up to <see cref="InfluxDbOptions.BatchSize"/> lines, or what has come in after
/// <see cref="InfluxDbOptions.FlushInterval"/>), and moves the cursor on only after InfluxDB acknowledged the batch.
/// While InfluxDB is away it keeps trying with growing pauses; ingestion is not affected, the backlog grows on disk.
/// A batch InfluxDB rejects as bad data (400) is split until the offending lines are found; those are quarantined,
/// the rest written. Writing a point again after a crash is harmless: an identical point overwrites itself.
/// </summary>
public sealed class InfluxDbForwarder(
    IMeasurementJournal journal,
    InfluxDbClient client,
    InfluxDbSchema schema,
    IJournalCursor cursor,
    Quarantine quarantine,
    InfluxDbForwarderStatus status,
    InfluxDbOptions options,
    BacklogOptions backlog,
    ILogger<InfluxDbForwarder> logger,
    ForwardingGate gate,
    TimeProvider time) : BackgroundService
{
    private long _lastAlarm = long.MinValue;
    private bool _alarmed;
    private long? _outageSince;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host's start does not wait for InfluxDB.
        await Task.Yield();
        if (options.CreateDatabase)
        {
            await UntilDoneAsync(schema.EnsureAsync, stoppingToken).ConfigureAwait(false);
        }

        // With several hosts on one journal this waits until this host holds the cursor (IJournalCursor).
        var position = await cursor.AcquireAsync(stoppingToken).ConfigureAwait(false);
        status.Acknowledged(position, 0, 0);
        var reacquire = false;
        // Counted beside the writing, so the backlog and its alarm stay current while a write waits for InfluxDB.
        var monitor = MonitorBacklogAsync(stoppingToken);
        logger.LogInformation("Forwarding measurements to InfluxDB {Url} database {Database} from sequence {Sequence}", options.Url, options.Database, position);
        var lastFlush = long.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (reacquire)
                {
                    // Saving may have failed because another host took the cursor over: resume where it says.
                    position = await cursor.AcquireAsync(stoppingToken).ConfigureAwait(false);
                    reacquire = false;
                }

                IReadOnlyList<SequencedMeasurement> batch;
                // From reading a batch to writing it: an erasure waits here, so no batch read before it lands after it.
                await gate.WaitAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    batch = await journal.ReadAfterAsync(position, options.BatchSize, stoppingToken).ConfigureAwait(false);
                    if (batch.Count > 0 && batch.Count < options.BatchSize && lastFlush != long.MinValue && time.GetElapsedTime(lastFlush) < options.FlushInterval)
                    {
                        // A part batch shortly after the last write waits out the interval for company.
                        await Task.Delay(options.FlushInterval - time.GetElapsedTime(lastFlush), time, stoppingToken).ConfigureAwait(false);
                        batch = await journal.ReadAfterAsync(position, options.BatchSize, stoppingToken).ConfigureAwait(false);
                    }

                    if (batch.Count > 0)
                    {
                        position = await ForwardAsync(batch, stoppingToken).ConfigureAwait(false);
                        lastFlush = time.GetTimestamp();
                    }
                }
                finally
                {
                    gate.Release();
                }

                if (batch.Count == 0)
                {
                    await Task.Delay(options.FlushInterval, time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Reading the store or saving the cursor failed: nothing is lost (the cursor did not move); try again.
                logger.LogError(exception, "Forwarding to InfluxDB failed at sequence {Sequence}; trying again", position);
                reacquire = true;
                await Task.Delay(options.MaxOutagePause, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await monitor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task MonitorBacklogAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CountBacklogAsync(status.AcknowledgedSequence, stoppingToken).ConfigureAwait(false);
                await Task.Delay(backlog.CheckInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Counting the InfluxDB backlog failed");
                await Task.Delay(backlog.CheckInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<long> ForwardAsync(IReadOnlyList<SequencedMeasurement> batch, CancellationToken cancellationToken)
    {
        var lines = new List<string>(batch.Count);
        var sequences = new List<long>(batch.Count);
        var refused = 0;
        foreach (var item in batch)
        {
            try
            {
                lines.Add(LineProtocolWriter.ToLine(VitalsSchema.ToPoint(item.Stored))[..^1]);
                sequences.Add(item.Sequence);
            }
            catch (LineProtocolException exception)
            {
                logger.LogError("Measurement {Sequence} of device {DeviceId} cannot be written as line protocol and is quarantined: {Reason}", item.Sequence, item.Stored.DeviceId, exception.Message);
                quarantine.Add(item.Sequence, exception.Message, line: null);
                refused++;
            }
        }

        var rejected = await WriteUntilTakenAsync(lines, sequences, cancellationToken).ConfigureAwait(false);
        var last = batch[^1].Sequence;
        await cursor.SaveAsync(last, cancellationToken).ConfigureAwait(false);
        status.Acknowledged(last, lines.Count - rejected, refused + rejected);
        return last;
    }

    /// <summary>Writes until InfluxDB took every line or rejected it; returns how many lines were quarantined.</summary>
    private async Task<int> WriteUntilTakenAsync(List<string> lines, List<long> sequences, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return 0;
        }

        var pause = options.OutagePause;
        while (true)
        {
            WriteOutcome outcome;
            try
            {
                outcome = await client.WriteAsync(lines, cancellationToken).ConfigureAwait(false);
            }
            catch (InfluxDbException exception) when (!cancellationToken.IsCancellationRequested)
            {
                Unreachable(exception.Message);
                await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                pause = pause * 2 > options.MaxOutagePause ? options.MaxOutagePause : pause * 2;
                continue;
            }

            switch (outcome.Status)
            {
                case WriteStatus.Written:
                    Reachable();
                    return 0;
                case WriteStatus.DatabaseMissing:
                    Unreachable($"database {options.Database} does not exist: {outcome.Error}");
                    if (options.CreateDatabase)
                    {
                        await UntilDoneAsync(schema.EnsureAsync, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await Task.Delay(options.MaxOutagePause, time, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                default:
                    Reachable();
                    if (lines.Count == 1)
                    {
                        logger.LogError("InfluxDB rejected measurement {Sequence} as bad data; it is quarantined: {Error}", sequences[0], outcome.Error);
                        quarantine.Add(sequences[0], outcome.Error ?? "rejected", lines[0]);
                        return 1;
                    }

                    // Rewriting the good half is harmless (identical points), so halving finds the bad lines in log2(n) rounds.
                    var half = lines.Count / 2;
                    var first = await WriteUntilTakenAsync(lines[..half], sequences[..half], cancellationToken).ConfigureAwait(false);
                    return first + await WriteUntilTakenAsync(lines[half..], sequences[half..], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task UntilDoneAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var pause = options.OutagePause;
        while (true)
        {
            try
            {
                await action(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Anything (a proxy answering HTML, say) is retried: an exception escaping here would stop the host.
                Unreachable(exception.Message);
                await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
                pause = pause * 2 > options.MaxOutagePause ? options.MaxOutagePause : pause * 2;
            }
        }
    }

    private void Unreachable(string error)
    {
        status.Failed(error);
        if (_outageSince is null)
        {
            _outageSince = time.GetTimestamp();
            logger.LogError("InfluxDB {Url} is not taking measurements ({Error}); they wait in the measurement store, backlog {Backlog}", options.Url, error, status.Backlog);
        }
        else
        {
            logger.LogDebug("InfluxDB still unavailable: {Error}", error);
        }
    }

    private void Reachable()
    {
        if (_outageSince is { } since)
        {
            logger.LogWarning("InfluxDB {Url} takes measurements again after {Outage}; catching up a backlog of {Backlog}", options.Url, time.GetElapsedTime(since), status.Backlog);
            _outageSince = null;
        }
    }

    private async Task CountBacklogAsync(long position, CancellationToken cancellationToken)
    {
        var count = await journal.CountAfterAsync(position, cancellationToken).ConfigureAwait(false);
        status.Counted(count);
        var due = _lastAlarm == long.MinValue || time.GetElapsedTime(_lastAlarm) >= backlog.AlarmRepeat;
        if (count >= backlog.Max && (due || !_alarmed))
        {
            logger.LogCritical("InfluxDB backlog is full: {Backlog} measurements wait (bound {Max}); ingestion goes on, the measurement file grows; restore InfluxDB", count, backlog.Max);
            (_alarmed, _lastAlarm) = (true, time.GetTimestamp());
        }
        else if (count >= backlog.AlarmAt && count < backlog.Max && (due || !_alarmed))
        {
            logger.LogError("InfluxDB backlog near full: {Backlog} of {Max} measurements wait to be written", count, backlog.Max);
            (_alarmed, _lastAlarm) = (true, time.GetTimestamp());
        }
        else if (_alarmed && count < backlog.AlarmAt)
        {
            logger.LogWarning("InfluxDB backlog back to {Backlog} measurements, below the alarm level", count);
            (_alarmed, _lastAlarm) = (false, long.MinValue);
        }
    }
}
