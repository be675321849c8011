using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Schedules;

/// <summary>
/// When a spot-check patient's measurements are due (PROTOCOL.md section 5): the protocol's local times of day in its
/// time zone (08:00, 14:00 and 20:00 Europe/Amsterdam by default, daylight saving time included), and in the first
/// 24 h after early discharge every 4 h while awake, on a grid from the start of the waking day (08:00, 12:00, ...).
/// </summary>
public sealed class MeasurementSchedule
{
    private readonly ScheduleRules _rules;
    private readonly TimeZoneInfo _zone;
    private readonly DateTimeOffset _enrolledAt;
    private readonly DateTimeOffset _regularFrom;

    public MeasurementSchedule(ScheduleRules rules, DateTimeOffset enrolledAt, Pathway pathway)
    {
        _rules = rules;
        _zone = rules.FindTimeZone();
        _enrolledAt = enrolledAt;
        _regularFrom = pathway == Pathway.EarlyDischarge ? enrolledAt + rules.EarlyDischargePeriod : enrolledAt;
    }

    public static MeasurementSchedule For(ProtocolDocument protocol, Enrolment enrolment) =>
        new(protocol.Schedule, enrolment.EnrolledAt, enrolment.Pathway);

    /// <summary>The first due time strictly after <paramref name="now"/>.</summary>
    public DateTimeOffset NextDue(DateTimeOffset now) => DueAfter(now).First();

    /// <summary>
    /// The scheduled measurement due next: the first due time whose <paramref name="grace"/> period has not passed at
    /// <paramref name="now"/> and that no measurement has met yet (a measurement at <paramref name="lastMeasuredAt"/>
    /// meets every due time up to a grace period after it). It may lie in the past: overdue.
    /// </summary>
    public DateTimeOffset NextUnmet(DateTimeOffset now, TimeSpan grace, DateTimeOffset? lastMeasuredAt) =>
        DueAfter(now - grace).First(due => lastMeasuredAt is not { } last || last < due - grace);

    /// <summary>Due times in (<paramref name="from"/>, <paramref name="to"/>], in order.</summary>
    public IEnumerable<DateTimeOffset> DueBetween(DateTimeOffset from, DateTimeOffset to) =>
        DueAfter(from).TakeWhile(due => due <= to);

    /// <summary>Every due time strictly after <paramref name="after"/> (and not before enrolment), in order, without end.</summary>
    public IEnumerable<DateTimeOffset> DueAfter(DateTimeOffset after)
    {
        var floor = after < _enrolledAt ? _enrolledAt : after;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(floor, _zone).DateTime).AddDays(-1);
        while (true)
        {
            foreach (var due in DueOn(day))
            {
                if (due > floor || (due == _enrolledAt && after < _enrolledAt))
                {
                    yield return due;
                }
            }

            day = day.AddDays(1);
        }
    }

    private IEnumerable<DateTimeOffset> DueOn(DateOnly day)
    {
        var times = new SortedSet<DateTimeOffset>();
        foreach (var time in _rules.SpotChecks)
        {
            var due = ToInstant(day, time);
            if (due >= _regularFrom)
            {
                times.Add(due);
            }
        }

        if (_regularFrom > _enrolledAt)
        {
            for (var time = _rules.AwakeFrom; ; time = time.Add(_rules.EarlyDischargeInterval))
            {
                var due = ToInstant(day, time);
                if (due >= _enrolledAt && due < _regularFrom)
                {
                    times.Add(due);
                }

                if (time.Add(_rules.EarlyDischargeInterval) > _rules.AwakeUntil || time.Add(_rules.EarlyDischargeInterval) <= time)
                {
                    break;
                }
            }
        }

        return times;
    }

    /// <summary>
    /// A local date and time as an instant. A time skipped by the spring-forward change counts from just after the
    /// gap; a time that occurs twice in the autumn is the first occurrence.
    /// </summary>
    private DateTimeOffset ToInstant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        var offset = _zone.IsAmbiguousTime(local) ? _zone.GetAmbiguousTimeOffsets(local).Max() : _zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
