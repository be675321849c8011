namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// One row of a NEWS2 scoring table: values up to and including <see cref="UpTo"/> (and above the previous band) score <see cref="Score"/>.
/// Bands are listed in ascending order; the last band has no upper bound.
/// </summary>
public sealed record ScoreBand(double? UpTo, int Score);
