namespace ThuisMonitoring.Domain.Logins;

/// <summary>
/// How many failed logins one key (a username, or a client address) may have before it is locked, and for how long:
/// the <see cref="FailuresAllowed"/>-th failure locks for <see cref="FirstLock"/>, each further failure doubles
/// the lock, up to <see cref="MaximumLock"/>. Failures are forgotten <see cref="Window"/> after the last failure or
/// lock, whichever is later.
/// </summary>
public sealed record LockoutRule(int FailuresAllowed, TimeSpan Window, TimeSpan FirstLock, TimeSpan MaximumLock)
{
    /// <summary>The lock after <paramref name="failures"/> failures in a row; zero while still allowed.</summary>
    public TimeSpan LockAfter(int failures)
    {
        if (failures < FailuresAllowed)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - FailuresAllowed, 30);
        var ticks = Math.Min((double)FirstLock.Ticks * Math.Pow(2, doublings), MaximumLock.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
