namespace ThuisMonitoring.Domain.Capacity;

/// <summary>
/// The share of episodes still in monitoring after t days (Kaplan-Meier): ended episodes are events, active ones are
/// censored at their length so far, so a region with long episodes still running is not read as one with short ones.
/// With no ended episode every share is 1 (nobody is seen to leave).
/// </summary>
public sealed class EpisodeSurvival
{
    private readonly List<(double Days, double Survival)> _steps = [];

    public EpisodeSurvival(IEnumerable<EpisodeSpan> episodes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        var lengths = episodes.Where(e => e.Start <= now).Select(e => (Days: e.DaysAt(now), Ended: !e.IsActive)).ToList();
        EndedSeen = lengths.Count(l => l.Ended);
        var survival = 1.0;
        foreach (var group in lengths.Where(l => l.Ended).GroupBy(l => l.Days).OrderBy(g => g.Key))
        {
            var atRisk = lengths.Count(l => l.Days >= group.Key);
            survival *= 1 - ((double)group.Count() / atRisk);
            _steps.Add((group.Key, survival));
        }
    }

    /// <summary>How many ended episodes the curve is drawn from.</summary>
    public int EndedSeen { get; }

    /// <summary>The share still in monitoring after <paramref name="days"/> days.</summary>
    public double After(double days)
    {
        var survival = 1.0;
        foreach (var (stepDays, stepSurvival) in _steps)
        {
            if (stepDays > days)
            {
                break;
            }

            survival = stepSurvival;
        }

        return survival;
    }

    /// <summary>The length by which half the episodes have ended; null while fewer than half are seen to end.</summary>
    public double? MedianDays
    {
        get
        {
            foreach (var (days, survival) in _steps)
            {
                if (survival <= 0.5)
                {
                    return days;
                }
            }

            return null;
        }
    }
}
