namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// A reader's durable place in the <see cref="IMeasurementJournal"/> (the InfluxDB forwarder's cursor). With several
/// hosts reading one journal, one host at a time holds it (a lease), so each measurement is forwarded once.
/// </summary>
public interface IJournalCursor
{
    /// <summary>Waits until this host holds the cursor, then returns the sequence saved last (0: the start).</summary>
    Task<long> AcquireAsync(CancellationToken cancellationToken);

    /// <summary>Saves the sequence; throws when this host no longer holds the cursor (acquire again, and resume from what it says).</summary>
    Task SaveAsync(long sequence, CancellationToken cancellationToken);
}
