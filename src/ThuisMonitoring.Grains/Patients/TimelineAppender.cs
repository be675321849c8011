using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// Carries a patient's timeline entries from the episode into the append-only <see cref="ITimelineStore"/>, and reads
/// the timeline back from there. The order makes every entry land exactly once: the grain saves its state first (the
/// snapshot holds the entries not yet stored), then <see cref="AppendUnstoredAsync"/> appends them (idempotent by entry
/// id) and marks them stored, so they leave the next snapshot. A crash before the save loses the change and its
/// entries together; a crash after it leaves them in the saved snapshot, and the next activation appends them
/// (<see cref="AppendOnActivationAsync"/>); appending twice inserts nothing.
/// </summary>
public sealed class TimelineAppender(ITimelineStore store, ILogger logger)
{
    /// <summary>
    /// On activation: appends the entries the saved snapshot still holds. Returns true when it was a snapshot of the
    /// time before the store (the whole timeline inside): the grain saves it again, now without its timeline.
    /// </summary>
    public async Task<bool> AppendOnActivationAsync(string patientId, EpisodeSnapshot snapshot, Episode episode)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var appended = await AppendUnstoredAsync(patientId, episode);
        if (appended && snapshot.Timeline is { Count: > 0 } old)
        {
            logger.LogInformation("Patient {PatientId}: {Count} timeline entries moved from the episode snapshot to the timeline store", patientId, old.Count);
            return true;
        }

        return false;
    }

    /// <summary>
    /// After the state is saved: appends the entries the episode added since the last append and marks them stored.
    /// Returns false when the store refused (they stay in the episode and its snapshot for the next save, read or activation).
    /// </summary>
    public async Task<bool> AppendUnstoredAsync(string patientId, Episode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        if (episode.Timeline.Entries.Count == 0)
        {
            return true;
        }

        var unstored = episode.Timeline.Entries.ToList();
        try
        {
            await store.AppendAsync(patientId, unstored, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Patient {PatientId}: {Count} timeline entries not appended yet; they stay in the saved episode", patientId, unstored.Count);
            return false;
        }

        episode.Timeline.MarkStored(unstored);
        return true;
    }

    /// <summary>
    /// One page of the timeline from the store. Entries a failed append left in the episode are appended first, so the
    /// store has the whole timeline (if it still refuses, the read fails rather than leave them out).
    /// </summary>
    public async Task<TimelinePage> ReadAsync(string patientId, Episode episode, TimelineQuery query)
    {
        ArgumentNullException.ThrowIfNull(episode);
        if (episode.Timeline.Entries.Count > 0)
        {
            var unstored = episode.Timeline.Entries.ToList();
            await store.AppendAsync(patientId, unstored, CancellationToken.None);
            episode.Timeline.MarkStored(unstored);
        }

        return await store.ReadAsync(patientId, query, CancellationToken.None);
    }

    /// <summary>The whole timeline, oldest first, page by page.</summary>
    public async Task<IReadOnlyList<TimelineEntry>> ReadAllAsync(string patientId, Episode episode)
    {
        var all = new List<TimelineEntry>();
        var query = new TimelineQuery();
        while (true)
        {
            var page = await ReadAsync(patientId, episode, query);
            all.AddRange(page.Entries);
            if (page.Next is null)
            {
                return all;
            }

            query = query with { After = page.Next };
        }
    }
}
