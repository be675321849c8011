namespace ThuisMonitoring.Web.Api;

/// <summary>
/// What one clinician hands another (the warm handover) and what the GP gets at the end of the episode (the discharge
/// summary): the episode, the oxygen course, the last 48 h of trends, the alerts and their outcomes, open advice and notes.
/// </summary>
public sealed record CareSummaryDto(
    string PatientId,
    string Name,
    DateOnly BirthDate,
    string? Identifier,
    string? Phone,
    string? Address,
    string Pathway,
    string ResponsibleClinician,
    string? ResponsibleClinicianName,
    string? Organisation,
    EpisodeSummaryDto Episode,
    OxygenCourseDto Oxygen,
    IReadOnlyList<TrendSummaryDto> Trends,
    IReadOnlyList<AlertSummaryDto> Alerts,
    IReadOnlyList<AdviceDto> OpenAdvice,
    IReadOnlyList<TimelineEntryDto> Notes,
    DateTimeOffset TrendsFrom,
    DateTimeOffset GeneratedAt);

public sealed record EpisodeSummaryDto(
    string State, DateTimeOffset EnrolledAt, DateTimeOffset? EndedAt, int Days, string Level, IReadOnlyList<TransitionDto> Transitions, EligibilityDto? Eligibility);

/// <summary>The prescription at enrolment, now, and every change in between.</summary>
public sealed record OxygenCourseDto(double AtEnrolment, double Current, IReadOnlyList<OxygenChangeDto> Changes);

public sealed record OxygenChangeDto(DateTimeOffset At, string? By, double? From, double? To);

/// <summary>One vital sign over the summary's window: how many values, lowest, highest, mean and the last.</summary>
public sealed record TrendSummaryDto(string Sign, string Unit, long Count, double? Min, double? Max, double? Mean, double? Last, DateTimeOffset? LastAt);

public sealed record AlertSummaryDto(
    string AlertId, string Level, IReadOnlyList<string> Reasons, DateTimeOffset RaisedAt, string Status, string? Outcome, string? Note,
    DateTimeOffset? ResolvedAt, string? EscalatedTo);
