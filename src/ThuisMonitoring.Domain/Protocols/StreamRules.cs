namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// How a continuous meter's measurements are told apart (the protocol's <c>continuous.streams</c> section, PROTOCOL.md
/// section 4): oximeter measurements of one device at most <see cref="Gap"/> apart form a stream, a longer gap starts a
/// new one, and the first <see cref="WarmUp"/> of a stream is warm-up (stored, flagged, not evaluated).
/// </summary>
public sealed record StreamRules(TimeSpan Gap, TimeSpan WarmUp)
{
    /// <summary>The platform's numbers, for documents without a <c>continuous.streams</c> section: 10 s and 10 s.</summary>
    public static StreamRules Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
}
