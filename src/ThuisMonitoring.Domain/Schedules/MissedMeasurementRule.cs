using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Schedules;

/// <summary>
/// PROTOCOL.md section 5: a due measurement not received within the grace period (60 min) is orange
/// <c>measurement-missed</c>; the second consecutive miss is red. A measurement taken up to the grace period before
/// the due time counts too (a patient who measures at 07:45 has done the 08:00 check).
/// </summary>
public static class MissedMeasurementRule
{
    /// <summary>True when one of <paramref name="measuredAt"/> lies within the grace period either side of <paramref name="dueAt"/>.</summary>
    public static bool IsMet(DateTimeOffset dueAt, IEnumerable<DateTimeOffset> measuredAt, ScheduleRules rules) =>
        measuredAt.Any(at => at >= dueAt - rules.Grace && at <= dueAt + rules.Grace);

    /// <summary>When the decision on <paramref name="dueAt"/> can be made: the end of its grace period.</summary>
    public static DateTimeOffset DecideAt(DateTimeOffset dueAt, ScheduleRules rules) => dueAt + rules.Grace;

    /// <summary>
    /// The decision on one due measurement, given how many consecutive ones were missed before it:
    /// met (misses reset to 0) or missed (orange, red from the protocol's count of consecutive misses).
    /// </summary>
    public static MissedDecision Decide(
        DateTimeOffset dueAt, IEnumerable<DateTimeOffset> measuredAt, int consecutiveMissesBefore, ProtocolDocument protocol)
    {
        if (IsMet(dueAt, measuredAt, protocol.Schedule))
        {
            return new MissedDecision(dueAt, 0, null);
        }

        var misses = consecutiveMissesBefore + 1;
        var level = misses >= protocol.Schedule.ConsecutiveMissesForRed ? Level.Red : Level.Orange;
        var evaluation = new Evaluation(
            new Measurement(dueAt), level,
            [new Finding(ReasonCodes.MeasurementMissed, level, "schedule", misses)], 0, protocol.Id);
        return new MissedDecision(dueAt, misses, evaluation);
    }
}

/// <summary>The decision on one due measurement: the consecutive misses after it, and the evaluation to alert on when it was missed.</summary>
public sealed record MissedDecision(DateTimeOffset DueAt, int ConsecutiveMisses, Evaluation? Evaluation)
{
    public bool Missed => Evaluation is not null;
}
