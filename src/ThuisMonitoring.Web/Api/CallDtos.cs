using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Web.Api;

public sealed record CallAnswerDto(string StepId, string Answer)
{
    public static CallAnswerDto From(CallAnswer a) => new(a.StepId, a.Answer);
}

/// <summary>One call about an alert, as <c>AlertDto.calls</c> lists it.</summary>
public sealed record CallDto(string CallId, string By, DateTimeOffset At, string Outcome, string? Note, IReadOnlyList<CallAnswerDto> Answers, DateTimeOffset? RetryAt)
{
    public static CallDto From(CallRecord c) =>
        new(c.CallId, c.By, c.At, c.Outcome.ToCode(), c.Note, c.Answers.Select(CallAnswerDto.From).ToList(), c.RetryAt);
}

/// <summary>The case sent to the responsible clinician; <c>status</c> pending until accepted.</summary>
public sealed record EscalationDto(
    string To,
    string? ToName,
    string By,
    string? ByName,
    DateTimeOffset At,
    string? Note,
    bool Emergency,
    string Status,
    string? AcceptedBy,
    DateTimeOffset? AcceptedAt,
    string? AcceptNote)
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";

    public static EscalationDto From(Escalation e, string? toName, string? byName = null) =>
        new(e.To, toName, e.By, byName, e.At, e.Note, e.Emergency, e.IsPending ? Pending : Accepted, e.AcceptedBy, e.AcceptedAt, e.AcceptNote);
}

/// <summary>Body of <c>POST /api/alerts/{id}/calls</c>.</summary>
public sealed record RecordCallRequest(string? Outcome, string? Note, IReadOnlyList<CallAnswerRequest?>? Answers);

public sealed record CallAnswerRequest(string? StepId, string? Answer);

/// <summary>Body of <c>POST /api/alerts/{id}/escalation/accept</c>.</summary>
public sealed record AcceptEscalationRequest(string? Note);

/// <summary>Everything the call-script panel shows beside the script: the patient, whom to escalate to, the scripts.</summary>
public sealed record AlertScriptDto(
    string AlertId,
    ScriptPatientDto Patient,
    StaffMemberDto ResponsibleClinician,
    IReadOnlyList<CallScriptDto> Scripts,
    IReadOnlyList<string> Outcomes);

public sealed record ScriptPatientDto(string PatientId, string Name, string? Phone, string Level, double OxygenFlow, MeasurementDto? LastMeasurement);

public sealed record CallScriptDto(string Id, string Title, IReadOnlyList<string> Reasons, IReadOnlyList<ScriptStepDto> Steps)
{
    public static CallScriptDto From(CallScript s) =>
        new(s.Id, s.Title, s.Reasons, s.Steps.Select(step => new ScriptStepDto(step.Id, step.Kind, step.Text)).ToList());
}

public sealed record ScriptStepDto(string Id, string Kind, string Text);

/// <summary>A colleague as pickers show them (<c>GET /api/users?role=</c>).</summary>
public sealed record StaffMemberDto(string Username, string? DisplayName, string? Role, string? Organisation = null, bool Disabled = false);

public sealed record TimelineEntryDto(
    string EntryId,
    DateTimeOffset At,
    string Kind,
    string? By,
    string? AlertId,
    string? Text,
    IReadOnlyDictionary<string, string> Details)
{
    private static readonly IReadOnlyDictionary<string, string> NoDetails = new Dictionary<string, string>();

    public static TimelineEntryDto From(TimelineEntry e) => new(e.EntryId, e.At, e.Kind, e.By, e.AlertId, e.Text, e.Details ?? NoDetails);
}

/// <summary>Body of <c>POST /api/patients/{id}/notes</c>.</summary>
public sealed record AddNoteRequest(string? Text);
