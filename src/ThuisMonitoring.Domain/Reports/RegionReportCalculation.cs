using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Domain.Reports;

/// <summary>
/// The one calculation of the regional report (definitions in docs/reports.md). Pure: the caller passes the episodes it
/// may count, the period and the time now; nothing here reads a store or the clock.
/// </summary>
public static class RegionReportCalculation
{
    public static RegionReport Calculate(IEnumerable<ReportedEpisode> episodes, ReportPeriod period, DateTimeOffset now, BedDayFactors factors)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(factors);

        // What has not happened yet is not counted: the period ends now at the latest.
        var until = period.To < now ? period.To : now;
        var all = episodes.ToList();

        var started = all.Where(e => period.Contains(e.EnrolledAt)).ToList();
        var outcomes = all
            .Select(e => (Episode: e, Outcome: e.OutcomeBefore(period.To)))
            .Where(x => x.Outcome is { } outcome && period.Contains(outcome.At))
            .ToList();
        var ended = outcomes.Where(x => x.Outcome!.To == EpisodeState.Ended).Select(x => x.Episode).ToList();
        var readmitted = outcomes.Where(x => x.Outcome!.To == EpisodeState.Readmitted).Select(x => x.Episode).ToList();

        var byPathway = Enum.GetValues<Pathway>().ToDictionary(
            pathway => pathway,
            pathway => new PathwayFigures(
                started.Count(e => e.Pathway == pathway),
                ended.Count(e => e.Pathway == pathway),
                readmitted.Count(e => e.Pathway == pathway)));

        var left = ended.Count + readmitted.Count;
        double? readmissionRate = left == 0 ? null : Math.Round((double)readmitted.Count / left, 4);
        var medianDays = Percentiles.Median(outcomes.Select(x => (x.Episode.LeftMonitoringAt!.Value - x.Episode.EnrolledAt).TotalDays));
        var bedDays = Math.Round(started.Sum(e => factors.For(e.Pathway)), 2);

        var counted = all.Where(e => Overlaps(e, period.From, until)).ToList();
        var raised = counted.SelectMany(e => e.Alerts).Where(a => period.Contains(a.RaisedAt)).ToList();
        var patientDays = TimeSpan.FromTicks(counted.Sum(e => MonitoredTicks(e, period.From, until))).TotalDays;
        var byReason = raised
            .SelectMany(a => a.Reasons.Distinct(StringComparer.Ordinal))
            .GroupBy(reason => reason, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        double? perPatientDay = patientDays > 0 ? Math.Round(raised.Count / patientDays, 3) : null;

        var delays = raised
            .Where(a => a.Calls is { Count: > 0 })
            .Select(a => (a.Calls!.Min(c => c.At) - a.RaisedAt).TotalMinutes)
            .ToList();

        return new RegionReport(
            period,
            new EpisodeFigures(started.Count, ended.Count, readmitted.Count, byPathway),
            readmissionRate,
            Round(medianDays, 2),
            bedDays,
            new AlertFigures(raised.Count, Math.Round(patientDays, 3), perPatientDay, byReason),
            new CallDelays(Round(Percentiles.Median(delays), 1), Round(Percentiles.NearestRank(delays, 90), 1)),
            [.. counted.Concat(outcomes.Select(x => x.Episode)).Select(e => e.PatientId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    private static bool Overlaps(ReportedEpisode episode, DateTimeOffset from, DateTimeOffset until) =>
        episode.EnrolledAt < until && (episode.LeftMonitoringAt is not { } left || left >= from);

    /// <summary>The time the episode was in monitoring within [from, until), in ticks (exact, so sums do not drift).</summary>
    private static long MonitoredTicks(ReportedEpisode episode, DateTimeOffset from, DateTimeOffset until)
    {
        var start = episode.EnrolledAt > from ? episode.EnrolledAt : from;
        var end = episode.LeftMonitoringAt is { } left && left < until ? left : until;
        return end > start ? (end - start).Ticks : 0;
    }

    private static double? Round(double? value, int decimals) => value is { } v ? Math.Round(v, decimals) : null;
}
