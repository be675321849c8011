namespace ThuisMonitoring.Domain.Timeline;

/// <summary>
/// One step in a patient's timeline: what happened (<see cref="Kind"/>, one of <see cref="TimelineKinds"/>), when, by
/// whom, about which alert, in words (<see cref="Text"/>) and as data (<see cref="Details"/>, e.g. a call's outcome and
/// the answers to the script's steps).
/// </summary>
public sealed record TimelineEntry(
    string EntryId,
    DateTimeOffset At,
    string Kind,
    string? By,
    string? AlertId,
    string? Text,
    IReadOnlyDictionary<string, string>? Details = null);
