namespace ThuisMonitoring.Abstractions.TimeSeries;

/// <summary>
/// Trends for the console and FHIR, per patient and vital sign: raw values over at most
/// <see cref="MaxRawSpan"/>, per-minute aggregates over at most <see cref="MaxAggregateSpan"/>.
/// Implemented by the embedded store and by InfluxDB (<c>TimeSeries:Provider</c>).
/// </summary>
public interface ITimeSeriesReader
{
    /// <summary>The longest range of raw values one read returns.</summary>
    static readonly TimeSpan MaxRawSpan = TimeSpan.FromHours(24);

    /// <summary>The longest range of per-minute aggregates one read returns.</summary>
    static readonly TimeSpan MaxAggregateSpan = TimeSpan.FromDays(14);

    /// <summary>Values measured in [from, to], oldest first. Throws <see cref="ArgumentOutOfRangeException"/> beyond <see cref="MaxRawSpan"/>.</summary>
    Task<IReadOnlyList<VitalValue>> ReadRawAsync(string patientId, VitalSign sign, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Mean, minimum, maximum and count per minute (epoch-aligned UTC minutes) of the values measured in [from, to],
    /// minutes without values left out, oldest first. Throws <see cref="ArgumentOutOfRangeException"/> beyond
    /// <see cref="MaxAggregateSpan"/>.
    /// </summary>
    Task<IReadOnlyList<VitalAggregate>> ReadPerMinuteAsync(string patientId, VitalSign sign, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Throws when the range is inverted or longer than <paramref name="max"/>; for implementations.</summary>
    static void EnsureRange(DateTimeOffset from, DateTimeOffset to, TimeSpan max)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "The range ends before it starts.");
        }

        if (to - from > max)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"The range is longer than {max}.");
        }
    }
}
