namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>A stored measurement with its place in the <see cref="IMeasurementJournal"/>.</summary>
public sealed record SequencedMeasurement(long Sequence, StoredMeasurement Stored);
