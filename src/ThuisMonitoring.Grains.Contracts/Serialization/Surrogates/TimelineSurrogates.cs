using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="TimelineEntry"/>.</summary>
[GenerateSerializer]
public struct TimelineEntrySurrogate
{
    [Id(0)] public string EntryId;
    [Id(1)] public DateTimeOffset At;
    [Id(2)] public string Kind;
    [Id(3)] public string? By;
    [Id(4)] public string? AlertId;
    [Id(5)] public string? Text;
    [Id(6)] public Dictionary<string, string>? Details;
}

[RegisterConverter]
public sealed class TimelineEntryConverter : IConverter<TimelineEntry, TimelineEntrySurrogate>
{
    public TimelineEntry ConvertFromSurrogate(in TimelineEntrySurrogate surrogate) => new(
        surrogate.EntryId,
        surrogate.At,
        surrogate.Kind,
        surrogate.By,
        surrogate.AlertId,
        surrogate.Text,
        surrogate.Details);

    public TimelineEntrySurrogate ConvertToSurrogate(in TimelineEntry value) => new()
    {
        EntryId = value.EntryId,
        At = value.At,
        Kind = value.Kind,
        By = value.By,
        AlertId = value.AlertId,
        Text = value.Text,
        Details = WireCollections.ToDictionary(value.Details),
    };
}

/// <summary>The wire form of <see cref="TimelineQuery"/>.</summary>
[GenerateSerializer]
public struct TimelineQuerySurrogate
{
    [Id(0)] public bool NewestFirst;
    [Id(1)] public string? After;
    [Id(2)] public int Limit;
    [Id(3)] public string[]? Kinds;
}

[RegisterConverter]
public sealed class TimelineQueryConverter : IConverter<TimelineQuery, TimelineQuerySurrogate>
{
    public TimelineQuery ConvertFromSurrogate(in TimelineQuerySurrogate surrogate) =>
        new(surrogate.NewestFirst, surrogate.After, surrogate.Limit, surrogate.Kinds);

    public TimelineQuerySurrogate ConvertToSurrogate(in TimelineQuery value) => new()
    {
        NewestFirst = value.NewestFirst,
        After = value.After,
        Limit = value.Limit,
        Kinds = WireCollections.ToArray(value.Kinds),
    };
}

/// <summary>The wire form of <see cref="TimelinePage"/>.</summary>
[GenerateSerializer]
public struct TimelinePageSurrogate
{
    [Id(0)] public TimelineEntry[] Entries;
    [Id(1)] public string? Next;
}

[RegisterConverter]
public sealed class TimelinePageConverter : IConverter<TimelinePage, TimelinePageSurrogate>
{
    public TimelinePage ConvertFromSurrogate(in TimelinePageSurrogate surrogate) => new(surrogate.Entries, surrogate.Next);

    public TimelinePageSurrogate ConvertToSurrogate(in TimelinePage value) => new()
    {
        Entries = WireCollections.ToArray(value.Entries) ?? [],
        Next = value.Next,
    };
}
