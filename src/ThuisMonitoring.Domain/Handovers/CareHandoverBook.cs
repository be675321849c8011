namespace ThuisMonitoring.Domain.Handovers;

/// <summary>
/// The handovers of one episode and their rule: only the responsible clinician hands over, to another clinician, one
/// handover pending at a time and only while the episode is active; only the receiver accepts or declines, once.
/// </summary>
public sealed class CareHandoverBook(IEnumerable<CareHandover>? handovers = null)
{
    private readonly List<CareHandover> _handovers = handovers?.ToList() ?? [];

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<CareHandover> All => _handovers;

    public CareHandover? Pending => _handovers.Find(h => h.IsPending);

    public CareHandover? Find(string handoverId) => _handovers.Find(h => h.HandoverId == handoverId);

    /// <summary>Starts a handover from <paramref name="responsible"/> (who must be <paramref name="by"/>) to <paramref name="to"/>.</summary>
    public CareHandover Request(string handoverId, string responsible, string by, string to, string? note, bool episodeActive, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handoverId);
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        if (!Same(by, responsible))
        {
            throw new CareHandoverException($"Only the responsible clinician ({responsible}) can hand the patient over.");
        }

        if (!episodeActive)
        {
            throw new CareHandoverException("The episode has ended: there is no responsibility left to hand over.");
        }

        if (Same(to, responsible))
        {
            throw new CareHandoverException($"{to} is already the responsible clinician.");
        }

        if (Pending is { } pending)
        {
            throw new CareHandoverException($"A handover to {pending.To} is already waiting for an answer.");
        }

        var handover = new CareHandover(handoverId, responsible, to, Clean(note), now);
        _handovers.Add(handover);
        return handover;
    }

    /// <summary>The receiver accepts or declines; afterwards the handover is final.</summary>
    public CareHandover Decide(string handoverId, bool accept, string by, string? note, DateTimeOffset now)
    {
        var index = _handovers.FindIndex(h => h.HandoverId == handoverId);
        if (index < 0)
        {
            throw new CareHandoverException($"Handover {handoverId} does not exist.");
        }

        var handover = _handovers[index];
        if (!Same(by, handover.To))
        {
            throw new CareHandoverException($"The handover is addressed to {handover.To}; only they can accept or decline it.");
        }

        if (!handover.IsPending)
        {
            throw new CareHandoverException($"Handover {handoverId} was already {handover.Status.ToCode()}.");
        }

        _handovers[index] = handover with
        {
            Status = accept ? CareHandoverStatus.Accepted : CareHandoverStatus.Declined,
            DecidedAt = now,
            DecisionNote = Clean(note),
        };
        return _handovers[index];
    }

    /// <summary>
    /// Takes back the last step of a handover that could not be completed everywhere (the compensation of a half-failed
    /// request or decision): a pending handover is withdrawn as if never requested; a decided one is pending again.
    /// Only the newest handover can be undone. Returns the handover as it was before the undo.
    /// </summary>
    public CareHandover Undo(string handoverId)
    {
        var index = _handovers.FindIndex(h => h.HandoverId == handoverId);
        if (index < 0 || index != _handovers.Count - 1)
        {
            throw new CareHandoverException($"Handover {handoverId} is not the newest handover; only that one can be undone.");
        }

        var handover = _handovers[index];
        if (handover.IsPending)
        {
            _handovers.RemoveAt(index);
        }
        else
        {
            _handovers[index] = handover with { Status = CareHandoverStatus.Pending, DecidedAt = null, DecisionNote = null };
        }

        return handover;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
