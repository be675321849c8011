using Orleans.Serialization.Cloning;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="HoldEvidence"/>.</summary>
[GenerateSerializer]
public struct HoldEvidenceSurrogate
{
    [Id(0)] public string Parameter;
    [Id(1)] public string Reason;
    [Id(2)] public Level Level;
    [Id(3)] public DateTimeOffset From;
    [Id(4)] public DateTimeOffset To;
    [Id(5)] public TimeSpan Window;
    [Id(6)] public EvidenceSample[] Samples;
}

[RegisterConverter]
public sealed class HoldEvidenceConverter : IConverter<HoldEvidence, HoldEvidenceSurrogate>
{
    public HoldEvidence ConvertFromSurrogate(in HoldEvidenceSurrogate surrogate) => new(
        surrogate.Parameter,
        surrogate.Reason,
        surrogate.Level,
        surrogate.From,
        surrogate.To,
        surrogate.Window,
        surrogate.Samples);

    public HoldEvidenceSurrogate ConvertToSurrogate(in HoldEvidence value) => new()
    {
        Parameter = value.Parameter,
        Reason = value.Reason,
        Level = value.Level,
        From = value.From,
        To = value.To,
        Window = value.Window,
        Samples = WireCollections.ToArray(value.Samples),
    };
}

/// <summary>The wire form of <see cref="EvidenceSample"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct EvidenceSampleSurrogate
{
    [Id(0)] public DateTimeOffset At;
    [Id(1)] public int? Spo2;
    [Id(2)] public int? HeartRate;
    [Id(3)] public int? RespiratoryRate;
}

[RegisterConverter]
public sealed class EvidenceSampleConverter : IConverter<EvidenceSample, EvidenceSampleSurrogate>
{
    public EvidenceSample ConvertFromSurrogate(in EvidenceSampleSurrogate surrogate) => new(
        surrogate.At,
        surrogate.Spo2,
        surrogate.HeartRate,
        surrogate.RespiratoryRate);

    public EvidenceSampleSurrogate ConvertToSurrogate(in EvidenceSample value) => new()
    {
        At = value.At,
        Spo2 = value.Spo2,
        HeartRate = value.HeartRate,
        RespiratoryRate = value.RespiratoryRate,
    };
}

[RegisterCopier]
public sealed class EvidenceSampleCopier : ShallowCopier<EvidenceSample>;
