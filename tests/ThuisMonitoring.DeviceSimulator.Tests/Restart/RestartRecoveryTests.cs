using ThuisMonitoring.DeviceSimulator.Restart;

namespace ThuisMonitoring.DeviceSimulator.Tests.Restart;

public sealed class RestartRecoveryTests
{
    private static SecondFigures Second(int second, double? p99, long published = 100, long refused = 0, long timedOut = 0) =>
        new(second, published, p99 is null ? 0 : published, p99 is null ? 0 : published, p99 is null ? null : p99 / 2, p99, p99,
            refused, timedOut, 0, 0, 0, 0, 0, 0);

    [Fact]
    public void Recovery_is_the_first_second_after_which_every_second_is_under_the_target_counted_from_the_host_being_ready()
    {
        // Steady, stopped at 3.5, host away until 6.2 (no PUBACKs), slow until second 8, then fast to the end.
        var seconds = new[]
        {
            Second(0, 5), Second(1, 6), Second(2, 5), Second(3, 7), Second(4, null), Second(5, null),
            Second(6, 900), Second(7, 450), Second(8, 150), Second(9, 20), Second(10, 10), Second(11, 12),
        };

        var recovery = RestartRecovery.From(seconds, stoppedAt: 3.5, readyAt: 6.2, lastSecond: 11, targetP99Ms: 200);

        recovery.RecoveredAtSecond.Should().Be(8);
        recovery.RecoveredSecondsAfterReady.Should().Be(2.8, "from 6.2 to the end of second 8");
        recovery.HostAwaySeconds.Should().Be(2.7);
        recovery.WorstPubackP99AfterReadyMs.Should().Be(900);
        recovery.WorstPubackP99BeforeStopMs.Should().Be(6, "second 3, in which the host was stopped, is not a second before the stop");
        recovery.FailuresAfterStop.Should().Be(0);
    }

    [Fact]
    public void A_failed_publish_late_in_the_run_moves_the_recovery_past_it()
    {
        var seconds = new[] { Second(0, 5), Second(1, null), Second(2, 50), Second(3, 40, timedOut: 1), Second(4, 30), Second(5, 30) };

        var recovery = RestartRecovery.From(seconds, stoppedAt: 1.0, readyAt: 1.8, lastSecond: 5, targetP99Ms: 200);

        recovery.RecoveredAtSecond.Should().Be(4);
        recovery.FailuresAfterStop.Should().Be(1);
    }

    [Fact]
    public void A_run_that_is_still_slow_at_its_end_has_not_recovered()
    {
        var seconds = new[] { Second(0, 5), Second(1, null), Second(2, 50), Second(3, 400) };

        var recovery = RestartRecovery.From(seconds, stoppedAt: 1.0, readyAt: 1.5, lastSecond: 3, targetP99Ms: 200);

        recovery.RecoveredAtSecond.Should().BeNull();
        recovery.RecoveredSecondsAfterReady.Should().BeNull();
    }
}
