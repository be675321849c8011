using Orleans.Serialization.Cloning;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="EligibilityResult"/>.</summary>
[GenerateSerializer]
public struct EligibilityResultSurrogate
{
    [Id(0)] public Pathway Pathway;
    [Id(1)] public DateTimeOffset CheckedAt;
    [Id(2)] public EligibilityCriterion[] Criteria;
    [Id(3)] public string ProtocolId;
}

[RegisterConverter]
public sealed class EligibilityResultConverter : IConverter<EligibilityResult, EligibilityResultSurrogate>
{
    public EligibilityResult ConvertFromSurrogate(in EligibilityResultSurrogate surrogate) => new(
        surrogate.Pathway,
        surrogate.CheckedAt,
        surrogate.Criteria,
        surrogate.ProtocolId);

    public EligibilityResultSurrogate ConvertToSurrogate(in EligibilityResult value) => new()
    {
        Pathway = value.Pathway,
        CheckedAt = value.CheckedAt,
        Criteria = WireCollections.ToArray(value.Criteria),
        ProtocolId = value.ProtocolId,
    };
}

/// <summary>The wire form of <see cref="EligibilityCriterion"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct EligibilityCriterionSurrogate
{
    [Id(0)] public string Code;
    [Id(1)] public bool? Met;
    [Id(2)] public string Detail;
}

[RegisterConverter]
public sealed class EligibilityCriterionConverter : IConverter<EligibilityCriterion, EligibilityCriterionSurrogate>
{
    public EligibilityCriterion ConvertFromSurrogate(in EligibilityCriterionSurrogate surrogate) => new(
        surrogate.Code,
        surrogate.Met,
        surrogate.Detail);

    public EligibilityCriterionSurrogate ConvertToSurrogate(in EligibilityCriterion value) => new()
    {
        Code = value.Code,
        Met = value.Met,
        Detail = value.Detail,
    };
}

[RegisterCopier]
public sealed class EligibilityCriterionCopier : ShallowCopier<EligibilityCriterion>;

/// <summary>The wire form of <see cref="EligibilityRequest"/>.</summary>
[GenerateSerializer]
public struct EligibilityRequestSurrogate
{
    [Id(0)] public Pathway Pathway;
    [Id(1)] public Measurement[] Values;
    [Id(2)] public double PrescribedFlow;
    [Id(3)] public DateTimeOffset AsOf;
    [Id(4)] public bool? ClinicallyImproving;
    [Id(5)] public bool? CanMeasureAndReport;
    [Id(6)] public bool? ConcentratorAtHome;
    [Id(7)] public bool? HaemodynamicallyStable;
    [Id(8)] public int? IllnessDay;
    [Id(9)] public bool? InvasiveVentilationPolicy;
}

[RegisterConverter]
public sealed class EligibilityRequestConverter : IConverter<EligibilityRequest, EligibilityRequestSurrogate>
{
    public EligibilityRequest ConvertFromSurrogate(in EligibilityRequestSurrogate surrogate) => new(
        surrogate.Pathway,
        surrogate.Values,
        surrogate.PrescribedFlow,
        surrogate.AsOf,
        surrogate.ClinicallyImproving,
        surrogate.CanMeasureAndReport,
        surrogate.ConcentratorAtHome,
        surrogate.HaemodynamicallyStable,
        surrogate.IllnessDay,
        surrogate.InvasiveVentilationPolicy);

    public EligibilityRequestSurrogate ConvertToSurrogate(in EligibilityRequest value) => new()
    {
        Pathway = value.Pathway,
        Values = WireCollections.ToArray(value.Values),
        PrescribedFlow = value.PrescribedFlow,
        AsOf = value.AsOf,
        ClinicallyImproving = value.ClinicallyImproving,
        CanMeasureAndReport = value.CanMeasureAndReport,
        ConcentratorAtHome = value.ConcentratorAtHome,
        HaemodynamicallyStable = value.HaemodynamicallyStable,
        IllnessDay = value.IllnessDay,
        InvasiveVentilationPolicy = value.InvasiveVentilationPolicy,
    };
}
