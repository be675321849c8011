namespace ThuisMonitoring.Domain.Capacity;

/// <summary>One day of the prognosis: the expected number of patients in monitoring at <see cref="At"/>.</summary>
public sealed record PrognosisDay(int Day, DateTimeOffset At, double Expected);

/// <summary>The prognosis and what it rests on: the intake rate, how many ended episodes it learnt from, their median length.</summary>
public sealed record Prognosis(int InMonitoringNow, double IntakePerDay, int EndedEpisodesSeen, double? MedianEpisodeDays, IReadOnlyList<PrognosisDay> Days);

/// <summary>
/// Patients in monitoring for the next 7 days (docs/capacity.md), for the regional capacity monitor. Each patient in
/// monitoring now, <c>a</c> days into the episode, is still there on day <c>d</c> with probability S(a+d)/S(a), where
/// S is the <see cref="EpisodeSurvival"/> of the episodes seen; new patients arrive at the intake rate of the last
/// 14 days (enrolments per day) and an arrival during day j is still there on day d with probability S(d-j+0.5)
/// (arrivals spread evenly over the day). A patient who has been in longer than every episode seen to end (S(a) = 0)
/// is counted as staying: the prognosis errs on the side of load.
/// </summary>
public static class MonitoringPrognosis
{
    public const int Horizon = 7;
    public const int IntakeWindowDays = 14;

    public static Prognosis Forecast(IReadOnlyCollection<EpisodeSpan> episodes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        var survival = new EpisodeSurvival(episodes, now);
        var active = episodes.Where(e => e.IsActive && e.Start <= now).ToList();
        var intake = IntakePerDay(episodes, now);
        var days = new List<PrognosisDay>(Horizon);
        for (var day = 1; day <= Horizon; day++)
        {
            var staying = active.Sum(e =>
            {
                var sofar = e.DaysAt(now);
                var stillIn = survival.After(sofar);
                return stillIn <= 0 ? 1.0 : survival.After(sofar + day) / stillIn;
            });
            var arriving = Enumerable.Range(1, day).Sum(j => intake * survival.After(day - j + 0.5));
            days.Add(new PrognosisDay(day, now.AddDays(day), Math.Round(staying + arriving, 1, MidpointRounding.AwayFromZero)));
        }

        return new Prognosis(active.Count, Math.Round(intake, 2, MidpointRounding.AwayFromZero), survival.EndedSeen, survival.MedianDays is { } m ? Math.Round(m, 1) : null, days);
    }

    /// <summary>
    /// Enrolments per day over the last <see cref="IntakeWindowDays"/> days, or over the days since the first enrolment
    /// when that is shorter (at least one day).
    /// </summary>
    public static double IntakePerDay(IEnumerable<EpisodeSpan> episodes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        var starts = episodes.Select(e => e.Start).Where(s => s <= now).ToList();
        if (starts.Count == 0)
        {
            return 0;
        }

        var windowStart = now.AddDays(-IntakeWindowDays);
        var span = Math.Clamp((now - starts.Min()).TotalDays, 1, IntakeWindowDays);
        return starts.Count(s => s > windowStart) / span;
    }
}
