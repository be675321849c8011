using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Domain.Reports;

/// <summary>
/// What a regional report needs of one patient's episode: how it began (pathway, enrolment time), every change of its
/// state, and its alerts with their calls.
/// </summary>
public sealed record ReportedEpisode(
    string PatientId,
    Pathway Pathway,
    DateTimeOffset EnrolledAt,
    IReadOnlyList<EpisodeTransition> Transitions,
    IReadOnlyList<Alert> Alerts)
{
    /// <summary>When monitoring stopped: the first change to ended or readmitted (null while it runs).</summary>
    public DateTimeOffset? LeftMonitoringAt =>
        Transitions.Where(t => t.To is EpisodeState.Ended or EpisodeState.Readmitted).Select(t => (DateTimeOffset?)t.At).Min();

    /// <summary>The last change to ended or readmitted before <paramref name="until"/>: the episode's outcome as it stood then.</summary>
    public EpisodeTransition? OutcomeBefore(DateTimeOffset until) =>
        Transitions.Where(t => t.To is EpisodeState.Ended or EpisodeState.Readmitted && t.At < until).MaxBy(t => t.At);
}
