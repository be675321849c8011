namespace ThuisMonitoring.Domain.Calls;

/// <summary>One call to the patient about an alert: who called, what came of it and what the script steps answered.</summary>
public sealed record CallRecord(
    string CallId,
    string By,
    DateTimeOffset At,
    CallOutcome Outcome,
    string? Note,
    IReadOnlyList<CallAnswer> Answers,
    DateTimeOffset? RetryAt = null);

/// <summary>The answer to one step of the call script (a question's answer, or "ja"/"nee" for a check).</summary>
public sealed record CallAnswer(string StepId, string Answer);

/// <summary>What a nurse reports after calling the patient.</summary>
public sealed record CallReport(string By, CallOutcome Outcome, string? Note, IReadOnlyList<CallAnswer> Answers);
