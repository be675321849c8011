namespace ThuisMonitoring.Domain.Protocols;

/// <summary>Which side of the normal band a value lies on.</summary>
public enum Deviation
{
    None,
    Low,
    High,
}

/// <summary>The NEWS2 score of one value and on which side of normal it lies.</summary>
public readonly record struct VitalScore(int Score, Deviation Deviation);

/// <summary>A NEWS2 scoring table for one vital sign, as protocol data.</summary>
public sealed record VitalScoring(IReadOnlyList<ScoreBand> Bands)
{
    /// <summary>Scores a value: the first band whose upper bound holds it.</summary>
    public VitalScore Score(double value)
    {
        var normalIndex = NormalBandIndex();
        for (var i = 0; i < Bands.Count; i++)
        {
            var band = Bands[i];
            if (band.UpTo is null || value <= band.UpTo.Value)
            {
                var deviation = band.Score == 0 ? Deviation.None : i < normalIndex ? Deviation.Low : Deviation.High;
                return new VitalScore(band.Score, deviation);
            }
        }

        throw new InvalidOperationException("A scoring table must end with an unbounded band.");
    }

    /// <summary>Two tables are equal when their bands are: protocol documents compare by value.</summary>
    public bool Equals(VitalScoring? other) => other is not null && Bands.SequenceEqual(other.Bands);

    public override int GetHashCode() => Bands.Aggregate(Bands.Count, HashCode.Combine);

    private int NormalBandIndex()
    {
        for (var i = 0; i < Bands.Count; i++)
        {
            if (Bands[i].Score == 0)
            {
                return i;
            }
        }

        return Bands.Count;
    }
}
