using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Schedules;

namespace ThuisMonitoring.Domain.Patients;

/// <summary>
/// The read model of one patient for the overview and the capacity board: what a row shows (state, traffic light,
/// last values, NEWS2, oxygen flow, open advice, the next measurement due) without the episode's history, alerts or
/// timeline. Written whenever the patient's episode is saved (<see cref="Of"/>); <see cref="WrittenAt"/> orders two
/// copies (the later wins).
/// </summary>
/// <remarks>
/// The next measurement due depends on the time it is asked: the summary keeps the schedule it was computed from, so
/// <see cref="NextMeasurementDue"/> answers for any later time with the same rule as <see cref="Episode.NextMeasurementDue"/>.
/// </remarks>
public sealed record PatientSummary(
    string PatientId,
    EpisodeState State,
    Level Level,
    double OxygenFlow,
    int? News2,
    Measurement? LastMeasurement,
    IReadOnlyList<ClinicalAdvice> OpenAdvice,
    EligibilityResult? Eligibility,
    IReadOnlyList<EpisodeTransition> Transitions,
    DateTimeOffset EnrolledAt,
    Pathway Pathway,
    ScheduleRules Schedule,
    DateTimeOffset? NextDueAt,
    TimeSpan UrgentResponseTime,
    DateTimeOffset WrittenAt)
{
    public bool IsActive => State is EpisodeState.Monitoring or EpisodeState.Weaning;

    /// <summary>The summary of <paramref name="episode"/> under <paramref name="protocol"/> (the patient's layers applied) at <paramref name="now"/>.</summary>
    public static PatientSummary Of(string patientId, Episode episode, ProtocolDocument protocol, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(protocol);
        var effective = episode.EffectiveProtocol(protocol);
        return new PatientSummary(
            patientId,
            episode.State,
            episode.Level,
            episode.OxygenFlow,
            episode.LastNews2Score,
            episode.LastMeasurement,
            [.. episode.Advice.Where(a => a.IsOpen)],
            episode.Eligibility,
            [.. episode.Transitions],
            episode.Enrolment.EnrolledAt,
            episode.Enrolment.Pathway,
            effective.Schedule,
            episode.NextMeasurementDue(protocol, now),
            effective.ResponseTimes.Red,
            now);
    }

    /// <summary>
    /// The scheduled measurement due next at <paramref name="now"/> (see <see cref="MeasurementSchedule.NextUnmet"/>);
    /// null once the episode has ended. The time computed when the summary was written still holds while its grace
    /// period has not passed, since no measurement met it then.
    /// </summary>
    public DateTimeOffset? NextMeasurementDue(DateTimeOffset now)
    {
        if (!IsActive)
        {
            return null;
        }

        if (NextDueAt is { } due && now >= WrittenAt && now - Schedule.Grace < due)
        {
            return due;
        }

        return new MeasurementSchedule(Schedule, EnrolledAt, Pathway).NextUnmet(now, Schedule.Grace, LastMeasurement?.MeasuredAt);
    }
}
