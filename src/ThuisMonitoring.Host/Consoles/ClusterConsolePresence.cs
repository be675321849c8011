using System.Text;
using ThuisMonitoring.Storage.PostgreSql.Notifications;
using ThuisMonitoring.Web.Hubs;

namespace ThuisMonitoring.Host.Consoles;

/// <summary>
/// Who has a console open anywhere in the cluster: this host's hub connections plus the last complete list each other
/// host announced (<see cref="ConsoleBroadcast.Presence"/>). Every host announces its list when it changes and every
/// <see cref="Heartbeat"/>; a host not heard for <see cref="Lifetime"/> (killed, cut off) no longer counts, one that
/// stops says <c>bye</c> and is dropped at once. Lifetimes run on the machine's real clock, not on the host's (possibly
/// adjusted) test clock: they are about hosts being alive, not about care.
/// </summary>
public sealed class ClusterConsolePresence(IConsolePresence local, TimeProvider realTime) : IConsolePresence
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(20);

    // Room for the message around the users in one notification.
    private const int UsersBytesPerMessage = PostgresNotifications.MaxPayloadBytes - 400;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, OtherHost> _others = new(StringComparer.Ordinal);
    private long _generation;

    public IReadOnlyList<ConsoleUser> Users()
    {
        var users = new List<ConsoleUser>(local.Users());
        var now = realTime.GetTimestamp();
        lock (_gate)
        {
            users.AddRange(_others.Values.Where(o => realTime.GetElapsedTime(o.LastHeard, now) < Lifetime).SelectMany(o => o.Users));
        }

        return [.. users.DistinctBy(u => u.Username, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>This host's list as one new generation of messages, each small enough for a notification.</summary>
    public IReadOnlyList<ConsoleBroadcast> Announcements(string origin)
    {
        var generation = Interlocked.Increment(ref _generation);
        var parts = new List<List<ConsoleUser>> { new() };
        var bytes = 0;
        foreach (var user in local.Users())
        {
            var size = Encoding.UTF8.GetByteCount(user.Username) + Encoding.UTF8.GetByteCount(user.Role) + Encoding.UTF8.GetByteCount(user.Organisation ?? string.Empty) + 48;
            if (bytes + size > UsersBytesPerMessage && parts[^1].Count > 0)
            {
                parts.Add([]);
                bytes = 0;
            }

            parts[^1].Add(user);
            bytes += size;
        }

        return [.. parts.Select((users, i) => new ConsoleBroadcast(origin, ConsoleBroadcast.Presence, generation, i, parts.Count, users))];
    }

    /// <summary>Takes in a part of another host's list; true when that host's complete list changed.</summary>
    public bool Heard(ConsoleBroadcast announcement)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        lock (_gate)
        {
            if (!_others.TryGetValue(announcement.Origin, out var other))
            {
                _others[announcement.Origin] = other = new OtherHost();
            }

            other.LastHeard = realTime.GetTimestamp();
            if (announcement.Generation <= other.Generation || announcement.Generation < other.PendingGeneration)
            {
                return false;
            }

            if (announcement.Generation > other.PendingGeneration)
            {
                other.PendingGeneration = announcement.Generation;
                other.Pending.Clear();
            }

            other.Pending[announcement.Part] = announcement.Users ?? [];
            if (other.Pending.Count < announcement.Parts)
            {
                return false;
            }

            var before = other.Users;
            other.Users = [.. other.Pending.OrderBy(p => p.Key).SelectMany(p => p.Value)];
            other.Generation = announcement.Generation;
            other.Pending.Clear();
            return !Same(before, other.Users);
        }
    }

    /// <summary>A host said <c>bye</c>; true when it had consoles open.</summary>
    public bool Forget(string origin)
    {
        lock (_gate)
        {
            return _others.Remove(origin, out var other) && other.Users.Count > 0;
        }
    }

    /// <summary>Drops the hosts not heard for <see cref="Lifetime"/>; true when one of them had consoles open.</summary>
    public bool Expire()
    {
        var now = realTime.GetTimestamp();
        lock (_gate)
        {
            var gone = _others.Where(o => realTime.GetElapsedTime(o.Value.LastHeard, now) >= Lifetime).ToList();
            foreach (var (origin, _) in gone)
            {
                _others.Remove(origin);
            }

            return gone.Any(o => o.Value.Users.Count > 0);
        }
    }

    private static bool Same(IReadOnlyList<ConsoleUser> a, IReadOnlyList<ConsoleUser> b) =>
        a.Count == b.Count && a.ToHashSet().SetEquals(b);

    private sealed class OtherHost
    {
        public long LastHeard { get; set; }

        public long Generation { get; set; }

        public IReadOnlyList<ConsoleUser> Users { get; set; } = [];

        public long PendingGeneration { get; set; }

        public Dictionary<int, IReadOnlyList<ConsoleUser>> Pending { get; } = [];
    }
}
