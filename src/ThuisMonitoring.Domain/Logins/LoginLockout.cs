using System.Collections.Concurrent;

namespace ThuisMonitoring.Domain.Logins;

/// <summary>
/// Failed logins per key under one <see cref="LockoutRule"/>: whether a key is locked now and for how long, a
/// failure recorded, a key forgiven after a successful login. Memory stays bounded: keys whose failures are
/// forgotten are swept once more than <see cref="SweepAbove"/> keys are tracked.
/// </summary>
public sealed class LoginLockout(LockoutRule rule, TimeProvider clock)
{
    public const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    public LockoutRule Rule => rule;

    /// <summary>Number of keys with failures remembered.</summary>
    public int Tracked => _failures.Count;

    /// <summary>How long <paramref name="key"/> is still locked; null when it may try.</summary>
    public TimeSpan? RetryAfter(string key)
    {
        if (!_failures.TryGetValue(key, out var failures))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (failures)
        {
            return failures.LockedUntil > now ? failures.LockedUntil - now : null;
        }
    }

    /// <summary>Records a failed login of <paramref name="key"/>; returns the lock it starts, or null when the key may still try.</summary>
    public TimeSpan? RecordFailure(string key)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > SweepAbove)
        {
            Sweep(now);
        }

        var failures = _failures.GetOrAdd(key, _ => new Failures());
        lock (failures)
        {
            if (failures.IsForgotten(now, rule.Window))
            {
                failures.Count = 0;
            }

            failures.Count++;
            failures.Last = now;
            var lockFor = rule.LockAfter(failures.Count);
            if (lockFor <= TimeSpan.Zero)
            {
                return null;
            }

            failures.LockedUntil = now + lockFor;
            return lockFor;
        }
    }

    /// <summary>Forgets the failures of <paramref name="key"/> (after a successful login).</summary>
    public void Reset(string key) => _failures.TryRemove(key, out _);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            bool forgotten;
            lock (failures)
            {
                forgotten = failures.IsForgotten(now, rule.Window);
            }

            if (forgotten)
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset Last { get; set; }

        public DateTimeOffset LockedUntil { get; set; }

        public bool IsForgotten(DateTimeOffset now, TimeSpan window) =>
            now - (Last > LockedUntil ? Last : LockedUntil) >= window;
    }
}
