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
