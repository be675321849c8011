using Orleans.Serialization.Cloning;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="VitalHistory"/>.</summary>
[GenerateSerializer]
public struct VitalHistorySurrogate
{
    [Id(0)] public VitalRecord[] Records;
}

[RegisterConverter]
public sealed class VitalHistoryConverter : IConverter<VitalHistory, VitalHistorySurrogate>
{
    public VitalHistory ConvertFromSurrogate(in VitalHistorySurrogate surrogate) => new(
        surrogate.Records);

    public VitalHistorySurrogate ConvertToSurrogate(in VitalHistory value) => new()
    {
        Records = WireCollections.ToArray(value.Records),
    };
}

/// <summary>The wire form of <see cref="VitalRecord"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct VitalRecordSurrogate
{
    [Id(0)] public DateTimeOffset MeasuredAt;
    [Id(1)] public int? Spo2;
    [Id(2)] public int? RespiratoryRate;
    [Id(3)] public int? HeartRate;
    [Id(4)] public double OxygenFlow;
    [Id(5)] public bool Exertion;
    [Id(6)] public Level Level;
}

[RegisterConverter]
public sealed class VitalRecordConverter : IConverter<VitalRecord, VitalRecordSurrogate>
{
    public VitalRecord ConvertFromSurrogate(in VitalRecordSurrogate surrogate) => new(
        surrogate.MeasuredAt,
        surrogate.Spo2,
        surrogate.RespiratoryRate,
        surrogate.HeartRate,
        surrogate.OxygenFlow,
        surrogate.Exertion,
        surrogate.Level);

    public VitalRecordSurrogate ConvertToSurrogate(in VitalRecord value) => new()
    {
        MeasuredAt = value.MeasuredAt,
        Spo2 = value.Spo2,
        RespiratoryRate = value.RespiratoryRate,
        HeartRate = value.HeartRate,
        OxygenFlow = value.OxygenFlow,
        Exertion = value.Exertion,
        Level = value.Level,
    };
}

[RegisterCopier]
public sealed class VitalRecordCopier : ShallowCopier<VitalRecord>;
