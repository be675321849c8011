namespace ThuisMonitoring.IntegrationTests.Reports;

/// <summary>
/// The report's figures counted by the test itself from what the API lists (patients with their state changes, alerts
/// with their calls), following the definitions in docs/reports.md, with none of the host's code. Bed-day factors:
/// the defaults of docs/reports.md, and the emergency department's as the site configures it.
/// </summary>
public static class CountedFacts
{
    private static readonly Dictionary<string, double> BedDays = new(StringComparer.Ordinal)
    {
        ["early-discharge"] = 3.5,
        ["emergency-department"] = 1.5, // as ReportRegionSite configures it
        ["general-practice"] = 0.4 * 3,
    };

    public static RegionReportView Expect(IReadOnlyList<ReportPatientView> patients, IReadOnlyList<ReportAlertView> alerts, DateTimeOffset from, DateTimeOffset to)
    {
        bool In(DateTimeOffset at) => from <= at && at < to;
        static bool Leaves(ReportTransitionView t) => t.To is "ended" or "readmitted";

        var started = patients.Where(p => In(p.EnrolledAt)).ToList();
        var outcomes = new List<(ReportPatientView Patient, string Outcome)>();
        foreach (var patient in patients)
        {
            var last = patient.Transitions.Where(t => Leaves(t) && t.At < to).OrderBy(t => t.At).LastOrDefault();
            if (last is not null && In(last.At))
            {
                outcomes.Add((patient, last.To));
            }
        }

        int Count(string outcome, string? pathway = null) =>
            outcomes.Count(o => o.Outcome == outcome && (pathway is null || o.Patient.Pathway == pathway));

        var byPathway = new[] { "early-discharge", "emergency-department", "general-practice" }.ToDictionary(
            pathway => pathway,
            pathway => new ReportPathwayView(started.Count(p => p.Pathway == pathway), Count("ended", pathway), Count("readmitted", pathway)));

        var ended = Count("ended");
        var readmitted = Count("readmitted");
        var lengths = outcomes.Select(o => (LeftAt(o.Patient)!.Value - o.Patient.EnrolledAt).TotalDays).ToList();

        var ticks = 0L;
        foreach (var patient in patients)
        {
            var begin = patient.EnrolledAt > from ? patient.EnrolledAt : from;
            var finish = LeftAt(patient) is { } left && left < to ? left : to;
            ticks += finish > begin ? (finish - begin).Ticks : 0;
        }

        var patientDays = TimeSpan.FromTicks(ticks).TotalDays;
        var raised = alerts.Where(a => In(a.RaisedAt)).ToList();
        var byReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var reason in raised.SelectMany(a => a.Reasons.Distinct()))
        {
            byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
        }

        var delays = raised.Where(a => a.Calls.Count > 0).Select(a => (a.Calls.Min(c => c.At) - a.RaisedAt).TotalMinutes).Order().ToList();

        return new RegionReportView(
            new ReportEpisodesView(started.Count, ended, readmitted, byPathway),
            ended + readmitted == 0 ? null : Math.Round(readmitted / (double)(ended + readmitted), 4),
            Rounded(Median(lengths), 2),
            Math.Round(started.Sum(p => BedDays[p.Pathway]), 2),
            new ReportAlertsView(raised.Count, patientDays > 0 ? Math.Round(raised.Count / patientDays, 3) : null, byReason),
            new ReportDelaysView(Rounded(Median(delays), 1), Rounded(delays.Count == 0 ? null : delays[(int)Math.Ceiling(0.9 * delays.Count - 1e-9) - 1], 1)));
    }

    private static DateTimeOffset? LeftAt(ReportPatientView patient) =>
        patient.Transitions.Where(t => t.To is "ended" or "readmitted").Select(t => (DateTimeOffset?)t.At).Min();

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double? Rounded(double? value, int decimals) => value is { } v ? Math.Round(v, decimals) : null;
}
