using System.Text.Json;

namespace ThuisMonitoring.Web.Api;

/// <summary>Body of <c>PUT /api/patients/{id}/thresholds</c>: the patient's own layer (a partial protocol document) and why.</summary>
public sealed record ThresholdsChangeRequest(JsonElement? Layer, string? Reason);

/// <summary>
/// A patient's thresholds as a difference from the organisation's protocol: both protocol ids, the patient's layer
/// (null when none) and every field where the patient's effective protocol differs.
/// </summary>
public sealed record ThresholdsDto(string OrganisationProtocolId, string ProtocolId, JsonElement? Layer, IReadOnlyList<ThresholdDifferenceDto> Differences);

public sealed record ThresholdDifferenceDto(string Field, JsonElement? Organisation, JsonElement? Patient);

/// <summary>Body of <c>POST /api/eligibility</c>: the eligibility check of an enrolment before it is confirmed (it never blocks).</summary>
public sealed record EligibilityCheckRequest(
    string? Pathway,
    double? OxygenFlow,
    string? ResponsibleClinician = null,
    IReadOnlyList<WardValueRequest?>? WardValues = null,
    bool? ClinicallyImproving = null,
    bool? CanMeasureAndReport = null,
    bool? ConcentratorAtHome = null,
    bool? HaemodynamicallyStable = null,
    int? IllnessDay = null,
    bool? InvasiveVentilationPolicy = null);
