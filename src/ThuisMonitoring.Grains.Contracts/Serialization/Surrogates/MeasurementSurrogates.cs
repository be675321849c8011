using Orleans.Serialization.Cloning;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="Measurement"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct MeasurementSurrogate
{
    [Id(0)] public DateTimeOffset MeasuredAt;
    [Id(1)] public int? Spo2;
    [Id(2)] public int? HeartRate;
    [Id(3)] public int? RespiratoryRate;
    [Id(4)] public double? OxygenFlow;
    [Id(5)] public double? Temperature;
    [Id(6)] public double? PerfusionIndex;
    [Id(7)] public Feeling? Feeling;
    [Id(8)] public bool Exertion;
    [Id(9)] public string? MessageId;
}

[RegisterConverter]
public sealed class MeasurementConverter : IConverter<Measurement, MeasurementSurrogate>
{
    public Measurement ConvertFromSurrogate(in MeasurementSurrogate surrogate) => new(
        surrogate.MeasuredAt,
        surrogate.Spo2,
        surrogate.HeartRate,
        surrogate.RespiratoryRate,
        surrogate.OxygenFlow,
        surrogate.Temperature,
        surrogate.PerfusionIndex,
        surrogate.Feeling,
        surrogate.Exertion,
        surrogate.MessageId);

    public MeasurementSurrogate ConvertToSurrogate(in Measurement value) => new()
    {
        MeasuredAt = value.MeasuredAt,
        Spo2 = value.Spo2,
        HeartRate = value.HeartRate,
        RespiratoryRate = value.RespiratoryRate,
        OxygenFlow = value.OxygenFlow,
        Temperature = value.Temperature,
        PerfusionIndex = value.PerfusionIndex,
        Feeling = value.Feeling,
        Exertion = value.Exertion,
        MessageId = value.MessageId,
    };
}

[RegisterCopier]
public sealed class MeasurementCopier : ShallowCopier<Measurement>;
