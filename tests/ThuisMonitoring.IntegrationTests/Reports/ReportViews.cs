namespace ThuisMonitoring.IntegrationTests.Reports;

// The parts of the API's answers the report tests count from (their own view, not the host's DTOs).

public sealed record ReportPatientView(string PatientId, string Pathway, string? Organisation, DateTimeOffset EnrolledAt, IReadOnlyList<ReportTransitionView> Transitions);

public sealed record ReportTransitionView(string From, string To, DateTimeOffset At);

public sealed record ReportAlertView(string AlertId, string PatientId, IReadOnlyList<string> Reasons, DateTimeOffset RaisedAt, IReadOnlyList<ReportCallView> Calls);

public sealed record ReportCallView(DateTimeOffset At, string Outcome);

/// <summary>The report's JSON (CONTRACT section 10).</summary>
public sealed record RegionReportView(
    ReportEpisodesView Episodes,
    double? ReadmissionRate,
    double? MedianEpisodeDays,
    double BedDaysSaved,
    ReportAlertsView Alerts,
    ReportDelaysView TimeToFirstCallMinutes);

public sealed record ReportEpisodesView(int Started, int Ended, int Readmitted, IReadOnlyDictionary<string, ReportPathwayView> ByPathway);

public sealed record ReportPathwayView(int Started, int Ended, int Readmitted);

public sealed record ReportAlertsView(int Raised, double? PerPatientDay, IReadOnlyDictionary<string, int> ByReason);

public sealed record ReportDelaysView(double? Median, double? P90);
