namespace ThuisMonitoring.Domain.Timeline;

/// <summary>One page of a patient's timeline; <see cref="Next"/> is the <see cref="TimelineQuery.After"/> of the following page, null after the last.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, string? Next);
