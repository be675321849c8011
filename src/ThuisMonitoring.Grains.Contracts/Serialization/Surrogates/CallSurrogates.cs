using Orleans.Serialization.Cloning;
using ThuisMonitoring.Domain.Calls;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="CallRecord"/>.</summary>
[GenerateSerializer]
public struct CallRecordSurrogate
{
    [Id(0)] public string CallId;
    [Id(1)] public string By;
    [Id(2)] public DateTimeOffset At;
    [Id(3)] public CallOutcome Outcome;
    [Id(4)] public string? Note;
    [Id(5)] public CallAnswer[] Answers;
    [Id(6)] public DateTimeOffset? RetryAt;
}

[RegisterConverter]
public sealed class CallRecordConverter : IConverter<CallRecord, CallRecordSurrogate>
{
    public CallRecord ConvertFromSurrogate(in CallRecordSurrogate surrogate) => new(
        surrogate.CallId,
        surrogate.By,
        surrogate.At,
        surrogate.Outcome,
        surrogate.Note,
        surrogate.Answers,
        surrogate.RetryAt);

    public CallRecordSurrogate ConvertToSurrogate(in CallRecord value) => new()
    {
        CallId = value.CallId,
        By = value.By,
        At = value.At,
        Outcome = value.Outcome,
        Note = value.Note,
        Answers = WireCollections.ToArray(value.Answers),
        RetryAt = value.RetryAt,
    };
}

/// <summary>The wire form of <see cref="CallAnswer"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct CallAnswerSurrogate
{
    [Id(0)] public string StepId;
    [Id(1)] public string Answer;
}

[RegisterConverter]
public sealed class CallAnswerConverter : IConverter<CallAnswer, CallAnswerSurrogate>
{
    public CallAnswer ConvertFromSurrogate(in CallAnswerSurrogate surrogate) => new(
        surrogate.StepId,
        surrogate.Answer);

    public CallAnswerSurrogate ConvertToSurrogate(in CallAnswer value) => new()
    {
        StepId = value.StepId,
        Answer = value.Answer,
    };
}

[RegisterCopier]
public sealed class CallAnswerCopier : ShallowCopier<CallAnswer>;

/// <summary>The wire form of <see cref="Escalation"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct EscalationSurrogate
{
    [Id(0)] public string To;
    [Id(1)] public string By;
    [Id(2)] public DateTimeOffset At;
    [Id(3)] public string? Note;
    [Id(4)] public bool Emergency;
    [Id(5)] public string? AcceptedBy;
    [Id(6)] public DateTimeOffset? AcceptedAt;
    [Id(7)] public string? AcceptNote;
}

[RegisterConverter]
public sealed class EscalationConverter : IConverter<Escalation, EscalationSurrogate>
{
    public Escalation ConvertFromSurrogate(in EscalationSurrogate surrogate) => new(
        surrogate.To,
        surrogate.By,
        surrogate.At,
        surrogate.Note,
        surrogate.Emergency,
        surrogate.AcceptedBy,
        surrogate.AcceptedAt,
        surrogate.AcceptNote);

    public EscalationSurrogate ConvertToSurrogate(in Escalation value) => new()
    {
        To = value.To,
        By = value.By,
        At = value.At,
        Note = value.Note,
        Emergency = value.Emergency,
        AcceptedBy = value.AcceptedBy,
        AcceptedAt = value.AcceptedAt,
        AcceptNote = value.AcceptNote,
    };
}

[RegisterCopier]
public sealed class EscalationCopier : ShallowCopier<Escalation>;

/// <summary>The wire form of <see cref="CallReport"/>.</summary>
[GenerateSerializer]
public struct CallReportSurrogate
{
    [Id(0)] public string By;
    [Id(1)] public CallOutcome Outcome;
    [Id(2)] public string? Note;
    [Id(3)] public CallAnswer[] Answers;
}

[RegisterConverter]
public sealed class CallReportConverter : IConverter<CallReport, CallReportSurrogate>
{
    public CallReport ConvertFromSurrogate(in CallReportSurrogate surrogate) => new(
        surrogate.By,
        surrogate.Outcome,
        surrogate.Note,
        surrogate.Answers);

    public CallReportSurrogate ConvertToSurrogate(in CallReport value) => new()
    {
        By = value.By,
        Outcome = value.Outcome,
        Note = value.Note,
        Answers = WireCollections.ToArray(value.Answers),
    };
}

/// <summary>The wire form of <see cref="CallScript"/>.</summary>
[GenerateSerializer]
public struct CallScriptSurrogate
{
    [Id(0)] public string Id;
    [Id(1)] public string Title;
    [Id(2)] public string[] Reasons;
    [Id(3)] public ScriptStep[] Steps;
}

[RegisterConverter]
public sealed class CallScriptConverter : IConverter<CallScript, CallScriptSurrogate>
{
    public CallScript ConvertFromSurrogate(in CallScriptSurrogate surrogate) => new(
        surrogate.Id,
        surrogate.Title,
        surrogate.Reasons,
        surrogate.Steps);

    public CallScriptSurrogate ConvertToSurrogate(in CallScript value) => new()
    {
        Id = value.Id,
        Title = value.Title,
        Reasons = WireCollections.ToArray(value.Reasons),
        Steps = WireCollections.ToArray(value.Steps),
    };
}

/// <summary>The wire form of <see cref="ScriptStep"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct ScriptStepSurrogate
{
    [Id(0)] public string Id;
    [Id(1)] public string Kind;
    [Id(2)] public string Text;
}

[RegisterConverter]
public sealed class ScriptStepConverter : IConverter<ScriptStep, ScriptStepSurrogate>
{
    public ScriptStep ConvertFromSurrogate(in ScriptStepSurrogate surrogate) => new(
        surrogate.Id,
        surrogate.Kind,
        surrogate.Text);

    public ScriptStepSurrogate ConvertToSurrogate(in ScriptStep value) => new()
    {
        Id = value.Id,
        Kind = value.Kind,
        Text = value.Text,
    };
}

[RegisterCopier]
public sealed class ScriptStepCopier : ShallowCopier<ScriptStep>;
