namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// When spot checks are due: at <see cref="SpotChecks"/> local times in <see cref="TimeZoneId"/>; a due measurement
/// not received within <see cref="Grace"/> is missed (orange, red from <see cref="ConsecutiveMissesForRed"/> in a row).
/// The first <see cref="EarlyDischargePeriod"/> after early discharge a measurement is due every
/// <see cref="EarlyDischargeInterval"/> while awake.
/// </summary>
public sealed record ScheduleRules(
    string TimeZoneId,
    IReadOnlyList<TimeOnly> SpotChecks,
    TimeSpan Grace,
    int ConsecutiveMissesForRed,
    TimeSpan EarlyDischargePeriod,
    TimeSpan EarlyDischargeInterval,
    TimeOnly AwakeFrom,
    TimeOnly AwakeUntil)
{
    /// <summary>Schedules compare by value, spot-check times included.</summary>
    public bool Equals(ScheduleRules? other) =>
        other is not null && TimeZoneId == other.TimeZoneId && SpotChecks.SequenceEqual(other.SpotChecks) && Grace == other.Grace
        && ConsecutiveMissesForRed == other.ConsecutiveMissesForRed && EarlyDischargePeriod == other.EarlyDischargePeriod
        && EarlyDischargeInterval == other.EarlyDischargeInterval && AwakeFrom == other.AwakeFrom && AwakeUntil == other.AwakeUntil;

    public override int GetHashCode() => HashCode.Combine(TimeZoneId, SpotChecks.Count, Grace, EarlyDischargeInterval);

    /// <summary>The time zone the spot-check times are in (DST-aware). A method, so serialised rules stay plain data.</summary>
    public TimeZoneInfo FindTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
