using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// Why a continuous rule escalated: its band held from <see cref="From"/> to <see cref="To"/> (at least its
/// <see cref="Window"/>), judged on the running median, with the trusted samples of that stretch (for a mini chart).
/// </summary>
public sealed record HoldEvidence(
    string Parameter,
    string Reason,
    Level Level,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Window,
    IReadOnlyList<EvidenceSample> Samples);

/// <summary>One trusted sample of a hold's stretch.</summary>
public sealed record EvidenceSample(DateTimeOffset At, int? Spo2, int? HeartRate, int? RespiratoryRate);
