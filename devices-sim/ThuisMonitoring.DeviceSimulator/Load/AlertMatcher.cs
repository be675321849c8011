using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>
/// Pairs alerts seen on SignalR with the red measurements that raised them: by the messageId the alert names when
/// it names one, else by its measuredAt, else the patient's oldest red measurement not yet matched.
/// </summary>
internal sealed class AlertMatcher
{
    private static readonly string[] MessageIdFields = ["messageId", "triggeringMessageId", "triggerMessageId"];
    private readonly ConcurrentDictionary<string, List<PendingRed>> _pending = new();
    private readonly ConcurrentDictionary<string, long> _matchedBy = new();
    private long _events;

    public long Events => Interlocked.Read(ref _events);

    public IReadOnlyDictionary<string, long> MatchedBy => _matchedBy.ToDictionary(p => p.Key, p => p.Value);

    public long Matched => _matchedBy.Values.Sum();

    public void RedPublished(string patientId, string messageId, DateTimeOffset measuredAt, long sentAt)
    {
        var list = _pending.GetOrAdd(patientId, _ => []);
        lock (list)
        {
            list.Add(new PendingRed(messageId, measuredAt.UtcTicks / TimeSpan.TicksPerMillisecond, sentAt));
        }
    }

    /// <summary>The Stopwatch timestamp of the red publish this alert answers, or null when it answers none.</summary>
    public long? Match(JsonElement alert)
    {
        Interlocked.Increment(ref _events);
        if (alert.ValueKind != JsonValueKind.Object
            || !alert.TryGetProperty("patientId", out var patient) || patient.ValueKind != JsonValueKind.String
            || (alert.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && status.GetString() != "open")
            || !_pending.TryGetValue(patient.GetString()!, out var list))
        {
            return null;
        }

        lock (list)
        {
            if (list.Count == 0)
            {
                return null;
            }

            var index = -1;
            var by = "patient";
            foreach (var field in MessageIdFields)
            {
                if (alert.TryGetProperty(field, out var id) && id.ValueKind == JsonValueKind.String)
                {
                    var messageId = id.GetString();
                    index = list.FindIndex(p => p.MessageId == messageId);
                    by = "messageId";
                    break;
                }
            }

            if (index < 0 && alert.TryGetProperty("measuredAt", out var measuredAt)
                && measuredAt.ValueKind == JsonValueKind.String && measuredAt.TryGetDateTimeOffset(out var moment))
            {
                var ms = moment.UtcTicks / TimeSpan.TicksPerMillisecond;
                index = list.FindIndex(p => p.MeasuredAtMs == ms);
                by = "measuredAt";
            }

            if (index < 0)
            {
                // Neither names a pending red: take the oldest red of this patient sent before now.
                var now = Stopwatch.GetTimestamp();
                index = list.FindIndex(p => p.SentAt <= now);
                by = "patient";
            }

            if (index < 0)
            {
                return null;
            }

            var matched = list[index];
            list.RemoveAt(index);
            _matchedBy.AddOrUpdate(by, 1, (_, n) => n + 1);
            return matched.SentAt;
        }
    }

    private sealed record PendingRed(string MessageId, long MeasuredAtMs, long SentAt);
}
