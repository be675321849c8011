using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Domain.Episodes;

/// <summary>
/// The persisted form of an <see cref="Episode"/>. Fields after <see cref="Alerts"/> were added later and are optional,
/// so snapshots stored before them still read. <see cref="Timeline"/> is only read: snapshots saved before the timeline
/// store held the whole timeline there (cut at 2,000 entries); their host appends it to the store once and saves the
/// snapshot without it. <see cref="UnstoredTimeline"/> holds the entries added since the host last appended to the store.
/// </summary>
public sealed record EpisodeSnapshot(
    Enrolment Enrolment,
    EpisodeState State,
    double OxygenFlow,
    Level LastLevel,
    Measurement? LastMeasurement,
    int? LastNews2Score,
    IReadOnlyList<Alert> Alerts,
    VitalHistory? History = null,
    int ConsecutiveMisses = 0,
    DateTimeOffset? LastDueChecked = null,
    DateTimeOffset? OxygenFlowSince = null,
    double? PreviousOxygenFlow = null,
    IReadOnlyList<ClinicalAdvice>? Advice = null,
    IReadOnlyList<EpisodeTransition>? Transitions = null,
    EligibilityResult? Eligibility = null,
    IReadOnlyList<TimelineEntry>? Timeline = null,
    IReadOnlyList<CareHandover>? Handovers = null,
    IReadOnlyList<TimelineEntry>? UnstoredTimeline = null);
