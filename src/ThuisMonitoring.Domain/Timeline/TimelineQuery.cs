namespace ThuisMonitoring.Domain.Timeline;

/// <summary>
/// Which page of a patient's timeline to read: in the order the entries happened (<see cref="NewestFirst"/> reverses
/// it), continuing after the entry <see cref="After"/> (exclusive; the <see cref="TimelinePage.Next"/> of the previous
/// page, null for the first page), at most <see cref="Limit"/> entries, only of the given <see cref="Kinds"/> when set.
/// </summary>
public sealed record TimelineQuery(bool NewestFirst = false, string? After = null, int Limit = TimelineQuery.MaxLimit, IReadOnlyList<string>? Kinds = null)
{
    /// <summary>The most entries one page holds: as many as the snapshot kept before the timeline store (GET /timeline stays compatible).</summary>
    public const int MaxLimit = 2_000;

    /// <summary>The limit within 1..<see cref="MaxLimit"/>.</summary>
    public int PageSize => Math.Clamp(Limit, 1, MaxLimit);
}
