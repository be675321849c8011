using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Domain.Timeline;

/// <summary>
/// What happened with a patient, in order: every step of every alert (raised, claimed, called, escalated, resolved...),
/// notes, oxygen changes, episode transitions and advice decisions. Keeps the newest <see cref="Capacity"/> entries.
/// </summary>
public sealed class PatientTimeline
{
    /// <summary>Enough for weeks of a busy episode; the oldest entries go first (alerts and measurements stay stored).</summary>
    public const int Capacity = 2_000;

    private readonly List<TimelineEntry> _entries;

    public PatientTimeline(IEnumerable<TimelineEntry>? entries = null) => _entries = entries?.ToList() ?? [];

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<TimelineEntry> Entries => _entries;

    public TimelineEntry Add(DateTimeOffset at, string kind, string? by, string? alertId = null, string? text = null, IReadOnlyDictionary<string, string>? details = null)
    {
        var entry = new TimelineEntry(Guid.CreateVersion7(at).ToString("N"), at, kind, by, alertId, text, details);
        _entries.Add(entry);
        if (_entries.Count > Capacity)
        {
            _entries.RemoveRange(0, _entries.Count - Capacity);
        }

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
}
