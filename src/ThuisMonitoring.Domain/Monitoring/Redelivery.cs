using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>
/// What of a device message that arrives again (its measurements were already stored, so the store calls them
/// duplicates) the episode has not evaluated yet. A device resends a QoS 1 message that was not acknowledged, and it
/// is not acknowledged when the evaluation after the store failed (the grain call threw, the host died in between):
/// such a resend must be evaluated now, and a resend of a message that was evaluated must change nothing.
/// </summary>
/// <remarks>
/// Decided in memory, without the store (docs/mqtt.md, "Duplicates and redelivery"):
/// <list type="bullet">
/// <item>measured after the episode's <see cref="Episode.LastMeasurement"/> (or none yet): not evaluated; the host
/// evaluates everything the store holds after the last measurement, in time order (<see cref="ReachesPastLast"/>), so
/// other stored but unevaluated messages before it come along in their order;</item>
/// <item>measured at or before it, in an active episode: evaluated when the history holds a record measured then
/// (every evaluated spot check is one); otherwise it is one of <see cref="Unevaluated"/> (a late stream sample among
/// them is ignored by its stream, whose windows only move forward, so that costs nothing clinical);</item>
/// <item>older than the history's oldest record where the history may have dropped it (older than the protocol's
/// horizon before the newest record, or the history is full), or the episode no longer active:
/// taken as evaluated (nothing is known about it, and an ended episode raises nothing).</item>
/// </list>
/// </remarks>
public sealed record Redelivery(bool ReachesPastLast, IReadOnlyList<Measurement> Unevaluated)
{
    /// <summary>Two times this close are one measurement (a store may keep microseconds where a payload had 100 ns).</summary>
    public static readonly TimeSpan SameInstant = TimeSpan.FromMicroseconds(1);

    /// <summary>Nothing to evaluate: every measurement of the message was evaluated before.</summary>
    public static Redelivery Nothing { get; } = new(false, []);

    public bool IsNothing => !ReachesPastLast && Unevaluated.Count == 0;

    /// <summary>
    /// What of <paramref name="measurements"/> (one message of one device, all stored) <paramref name="episode"/> has
    /// not evaluated; <paramref name="horizon"/> is how far back its history keeps records (<see cref="VitalHistory.HorizonOf"/>).
    /// </summary>
    public static Redelivery Of(Episode episode, IReadOnlyList<Measurement> measurements, TimeSpan horizon)
    {
        var last = episode.LastMeasurement?.MeasuredAt;
        var reachesPastLast = false;
        List<Measurement>? unevaluated = null;
        foreach (var measurement in measurements)
        {
            if (last is null || measurement.MeasuredAt > last.Value)
            {
                reachesPastLast = true;
            }
            else if (episode.IsActive && !IsInHistory(episode.History, measurement.MeasuredAt, horizon))
            {
                (unevaluated ??= []).Add(measurement);
            }
        }

        return reachesPastLast || unevaluated is not null ? new Redelivery(reachesPastLast, unevaluated ?? []) : Nothing;
    }

    /// <summary>True when the history holds a record of that instant, or cannot tell (it may have dropped that record).</summary>
    private static bool IsInHistory(VitalHistory history, DateTimeOffset measuredAt, TimeSpan horizon)
    {
        var count = history.Count;
        if (count == 0)
        {
            return true;
        }

        if (measuredAt < history.EntryAt(0).MeasuredAt - SameInstant)
        {
            // Before the oldest record: dropped by count (a full history) or by time (beyond the horizon), or never there.
            return count >= VitalHistory.Capacity || measuredAt < history.EntryAt(count - 1).MeasuredAt - horizon;
        }

        // Oldest first: search from the newest end, where a resend usually lands.
        for (var i = count - 1; i >= 0; i--)
        {
            var at = history.EntryAt(i).MeasuredAt;
            if (at < measuredAt - SameInstant)
            {
                return false;
            }

            if (at <= measuredAt + SameInstant)
            {
                return true;
            }
        }

        return false;
    }
}
