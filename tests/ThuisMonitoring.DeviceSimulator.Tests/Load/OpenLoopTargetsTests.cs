using ThuisMonitoring.DeviceSimulator.Load;

namespace ThuisMonitoring.DeviceSimulator.Tests.Load;

public sealed class OpenLoopTargetsTests
{
    private static LoadReport Report(int patients, double pubackP99, double alertP99, long refused, double? rssPeak) => new(
        DateTimeOffset.UnixEpoch, patients, 1, 30, patients, 5, 0, patients * 30L, patients * 30L - refused, refused, 0, patients, 0,
        new LatencySummary(patients * 30, 1, 1, 2, pubackP99, pubackP99), patients * 30L, LatencySummary.Empty, 0, 10, 10, 10,
        new Dictionary<string, long>(), new LatencySummary(10, 5, 5, 6, alertP99, alertP99),
        rssPeak is { } peak ? new HostFigures(1, 1, 10, peak, peak, peak) : null, new SimulatorFigures(1, 10, 2));

    [Fact]
    public void The_host_rss_budget_is_300_MiB_plus_20_KiB_per_patient()
    {
        OpenLoopTargets.RssBudgetMb(10_000).Should().Be(495.3);
        OpenLoopTargets.RssBudgetMb(0).Should().Be(300);
    }

    [Fact]
    public void A_run_within_every_target_meets_them_all()
    {
        var targets = Report(10_000, pubackP99: 80, alertP99: 300, refused: 0, rssPeak: 480).Targets;

        targets.NothingRefused.Should().BeTrue();
        targets.PubackP99Under100Ms.Should().BeTrue();
        targets.AlertP99Under500Ms.Should().BeTrue();
        targets.HostRssWithinBudget.Should().BeTrue();
    }

    [Fact]
    public void A_refusal_a_slow_p99_or_too_much_memory_each_misses_its_target()
    {
        var targets = Report(10_000, pubackP99: 120, alertP99: 700, refused: 1, rssPeak: 600).Targets;

        targets.NothingRefused.Should().BeFalse();
        targets.PubackP99Under100Ms.Should().BeFalse();
        targets.AlertP99Under500Ms.Should().BeFalse();
        targets.HostRssWithinBudget.Should().BeFalse();
        Report(10, 1, 1, 0, rssPeak: null).Targets.HostRssWithinBudget.Should().BeNull("the host was not measured");
    }
}
