namespace ThuisMonitoring.Domain.Capacity;

/// <summary>A monitoring episode as the prognosis sees it: when it began and, once ended or readmitted, when it ended.</summary>
public sealed record EpisodeSpan(DateTimeOffset Start, DateTimeOffset? End)
{
    public bool IsActive => End is null;

    /// <summary>Days in monitoring: until the end, or until <paramref name="now"/> for an active episode.</summary>
    public double DaysAt(DateTimeOffset now) => Math.Max(0, ((End ?? now) - Start).TotalDays);
}
