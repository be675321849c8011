namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// The measurement store read as an append-only log: every stored measurement has a sequence number that only
/// grows (later commits, higher numbers), so a reader that remembers the last sequence it handled can resume
/// exactly there after a restart. The time-series forwarder drains it into InfluxDB.
/// </summary>
public interface IMeasurementJournal
{
    /// <summary>Stored measurements with a sequence above <paramref name="sequence"/>, in sequence order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<SequencedMeasurement>> ReadAfterAsync(long sequence, int limit, CancellationToken cancellationToken);

    /// <summary>How many stored measurements have a sequence above <paramref name="sequence"/> (the backlog behind a reader).</summary>
    Task<long> CountAfterAsync(long sequence, CancellationToken cancellationToken);
}
