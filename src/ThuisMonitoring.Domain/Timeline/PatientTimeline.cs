using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Domain.Timeline;

/// <summary>
/// What happened with a patient, in order: every step of every alert (raised, claimed, called, escalated, resolved...),
/// notes, oxygen changes, episode transitions and advice decisions. The whole timeline lives in an append-only store
/// (never cut); the episode holds only the entries added since its host last stored them (<see cref="Entries"/>), so
/// the episode stays the same size however long it runs. No domain rule reads an earlier entry.
/// </summary>
public sealed class PatientTimeline
{
    private readonly List<TimelineEntry> _entries;

    public PatientTimeline(IEnumerable<TimelineEntry>? unstored = null) => _entries = unstored?.ToList() ?? [];

    /// <summary>
    /// The entries not yet in the timeline store, oldest first: the host appends them (idempotent by entry id) and then
    /// calls <see cref="MarkStored"/>. Without a host (a domain test) every entry added since the episode was loaded.
    /// </summary>
    public IReadOnlyList<TimelineEntry> Entries => _entries;

    public TimelineEntry Add(DateTimeOffset at, string kind, string? by, string? alertId = null, string? text = null, IReadOnlyDictionary<string, string>? details = null)
    {
        var entry = new TimelineEntry(Guid.CreateVersion7(at).ToString("N"), at, kind, by, alertId, text, details);
        _entries.Add(entry);
        return entry;
    }

    /// <summary>Records the steps between two states of an alert (before is null for a new one).</summary>
    public void AlertChanged(Alert? before, Alert after)
    {
        foreach (var (kind, by, text, details) in AlertSteps.Between(before, after))
        {
            Add(after.UpdatedAt, kind, by, after.AlertId, text, details);
        }
    }

    /// <summary>
    /// The host has appended <paramref name="stored"/> (an earlier copy of the first entries of <see cref="Entries"/>) to
    /// the store: they leave the episode. Entries added since stay until they are stored too.
    /// </summary>
    public void MarkStored(IReadOnlyList<TimelineEntry> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var ids = new HashSet<string>(stored.Select(e => e.EntryId), StringComparer.Ordinal);
        _entries.RemoveAll(e => ids.Contains(e.EntryId));
    }
}
