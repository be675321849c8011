namespace ThuisMonitoring.Domain.Privacy;

/// <summary>Refused: a second person must decide (four eyes), or the request is no longer open.</summary>
public sealed class ErasureDecisionException(string message, bool samePerson) : Exception(message)
{
    /// <summary>True when the requester tried to decide their own request.</summary>
    public bool SamePerson { get; } = samePerson;
}
