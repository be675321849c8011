namespace ThuisMonitoring.IntegrationTests.Calls;

// The parts of the issue 5 answers (notes/api5.md) these tests read.

public sealed record CallAlertView(
    string AlertId,
    string PatientId,
    string? PatientName,
    string Level,
    string Status,
    string? ClaimedBy,
    string? ResolvedBy,
    string? Outcome,
    IReadOnlyList<CallView> Calls,
    EscalationView? Escalation,
    DateTimeOffset? RetryAt,
    DateTimeOffset? WaitingSince,
    int ReEscalations,
    DateTimeOffset? ReEscalatedAt);

public sealed record CallView(string CallId, string By, DateTimeOffset At, string Outcome, string? Note, IReadOnlyList<CallAnswerView> Answers, DateTimeOffset? RetryAt);

public sealed record CallAnswerView(string StepId, string Answer);

public sealed record EscalationView(
    string To,
    string? ToName,
    string By,
    DateTimeOffset At,
    string? Note,
    bool Emergency,
    string Status,
    string? AcceptedBy,
    DateTimeOffset? AcceptedAt,
    string? AcceptNote);

public sealed record ScriptView(string AlertId, ScriptPatientView Patient, StaffView ResponsibleClinician, IReadOnlyList<CallScriptView> Scripts, IReadOnlyList<string> Outcomes);

public sealed record ScriptPatientView(string PatientId, string Name, string? Phone, string Level, double OxygenFlow, Support.MeasurementView? LastMeasurement);

public sealed record CallScriptView(string Id, string Title, IReadOnlyList<string> Reasons, IReadOnlyList<ScriptStepView> Steps);

public sealed record ScriptStepView(string Id, string Kind, string Text);

public sealed record StaffView(string Username, string? DisplayName, string? Role);

public sealed record TimelineEntryView(string EntryId, DateTimeOffset At, string Kind, string? By, string? AlertId, string? Text, IReadOnlyDictionary<string, string> Details);

public sealed record PatientPhoneView(string PatientId, string? Phone, DateTimeOffset? NextMeasurementDue);
