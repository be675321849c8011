using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>
/// The append-only clinical event log of every patient: each <see cref="TimelineEntry"/> of their timeline (alert
/// steps, calls, notes, oxygen changes, episode transitions, advice decisions, intake, consent, handovers...), in the
/// order the patient grain appended them. Nothing is ever cut or changed; only an erasure (AVG art. 17) or the
/// retention purge removes a patient's entries (the store registers its <c>IPatientErasure</c>).
/// </summary>
public interface ITimelineStore
{
    /// <summary>
    /// Appends the entries, in order, in one transaction. An entry whose id the patient's timeline already holds is
    /// skipped, so appending again after a crash or a failed save never duplicates an entry.
    /// </summary>
    Task AppendAsync(string patientId, IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the patient's timeline (see <see cref="TimelineQuery"/>); an unknown <see cref="TimelineQuery.After"/>
    /// gives an empty page.
    /// </summary>
    Task<TimelinePage> ReadAsync(string patientId, TimelineQuery query, CancellationToken cancellationToken);
}
