namespace ThuisMonitoring.Domain.Calls;

/// <summary>
/// A call script (belscript): the questions and checks a nurse goes through when calling about the reasons it covers.
/// A script with no reasons is the fallback for reasons no other script covers.
/// </summary>
public sealed record CallScript(string Id, string Title, IReadOnlyList<string> Reasons, IReadOnlyList<ScriptStep> Steps)
{
    // Value equality over the lists, so protocols compare by content (a layer that changes nothing changes nothing).
    public bool Equals(CallScript? other) =>
        other is not null && Id == other.Id && Title == other.Title && Reasons.SequenceEqual(other.Reasons) && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => HashCode.Combine(Id, Title, Reasons.Count, Steps.Count);
}

/// <summary>One step of a call script: a question to ask ("question") or a check to tick off ("check").</summary>
public sealed record ScriptStep(string Id, string Kind, string Text)
{
    public const string Question = "question";
    public const string Check = "check";
}
