using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Logins;

namespace ThuisMonitoring.Domain.Tests.Logins;

/// <summary>Issue 9 item 4: failed logins lock a key with a growing backoff; a success forgives it.</summary>
public sealed class LoginLockoutTests
{
    private static readonly LockoutRule FivePerUser = new(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(60));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Four_failures_leave_the_user_free_to_try_the_fifth_locks_for_a_minute()
    {
        var lockout = new LoginLockout(FivePerUser, _clock);
        for (var i = 0; i < 4; i++)
        {
            lockout.RecordFailure("anouk").Should().BeNull();
        }

        lockout.RetryAfter("anouk").Should().BeNull();
        lockout.RecordFailure("anouk").Should().Be(TimeSpan.FromMinutes(1));
        lockout.RetryAfter("anouk").Should().Be(TimeSpan.FromMinutes(1));

        _clock.Advance(TimeSpan.FromSeconds(45));
        lockout.RetryAfter("anouk").Should().Be(TimeSpan.FromSeconds(15));
        _clock.Advance(TimeSpan.FromSeconds(15));
        lockout.RetryAfter("anouk").Should().BeNull();
    }

    [Fact]
    public void Each_further_failure_doubles_the_lock_up_to_the_maximum()
    {
        var lockout = new LoginLockout(FivePerUser, _clock);
        var locks = new List<TimeSpan?>();
        for (var i = 0; i < 12; i++)
        {
            locks.Add(lockout.RecordFailure("anouk"));
            _clock.Advance(lockout.RetryAfter("anouk") ?? TimeSpan.Zero);
        }

        locks.Skip(4).Select(l => l!.Value.TotalMinutes).Should().Equal(1, 2, 4, 8, 16, 32, 60, 60);
    }

    [Fact]
    public void A_success_forgives_the_failures()
    {
        var lockout = new LoginLockout(FivePerUser, _clock);
        for (var i = 0; i < 4; i++)
        {
            lockout.RecordFailure("anouk");
        }

        lockout.Reset("anouk");

        lockout.RecordFailure("anouk").Should().BeNull("the count starts again after a success");
        lockout.Tracked.Should().Be(1);
    }

    [Fact]
    public void Failures_are_forgotten_a_window_after_the_last_one()
    {
        var lockout = new LoginLockout(FivePerUser, _clock);
        for (var i = 0; i < 4; i++)
        {
            lockout.RecordFailure("anouk");
        }

        _clock.Advance(TimeSpan.FromMinutes(14));
        lockout.RecordFailure("anouk").Should().Be(TimeSpan.FromMinutes(1), "14 minutes is within the window");

        _clock.Advance(TimeSpan.FromMinutes(16));
        lockout.RecordFailure("anouk").Should().BeNull("the window has passed since the lock ended");
    }

    [Fact]
    public void A_lock_longer_than_the_window_is_not_forgotten_while_it_lasts()
    {
        var lockout = new LoginLockout(FivePerUser with { FirstLock = TimeSpan.FromMinutes(30) }, _clock);
        for (var i = 0; i < 5; i++)
        {
            lockout.RecordFailure("anouk");
        }

        _clock.Advance(TimeSpan.FromMinutes(31));
        lockout.RecordFailure("anouk").Should().Be(TimeSpan.FromMinutes(60), "the sixth failure right after the lock doubles it");
    }

    [Fact]
    public void Other_keys_are_not_affected()
    {
        var lockout = new LoginLockout(FivePerUser, _clock);
        for (var i = 0; i < 5; i++)
        {
            lockout.RecordFailure("anouk");
        }

        lockout.RetryAfter("bram").Should().BeNull();
        lockout.RecordFailure("bram").Should().BeNull();
    }

    [Fact]
    public void Forgotten_keys_are_swept_when_many_are_tracked()
    {
        var lockout = new LoginLockout(FivePerUser, _clock);
        for (var i = 0; i <= LoginLockout.SweepAbove; i++)
        {
            lockout.RecordFailure($"sprayed-{i}");
        }

        _clock.Advance(TimeSpan.FromMinutes(15));
        lockout.RecordFailure("anouk");

        lockout.Tracked.Should().Be(1);
    }
}
