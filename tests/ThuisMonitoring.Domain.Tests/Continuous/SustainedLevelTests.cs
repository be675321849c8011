using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Continuous;

/// <summary>PROTOCOL.md section 4, hysteresis: a level steps down only after 15 min within the lower band.</summary>
public sealed class SustainedLevelTests
{
    private static readonly TimeSpan StepDown = CovidOxygenProtocol.Default.Continuous.StepDownAfter;
    private readonly FakeTimeProvider _time = new(SpotCheck.MorningRound);
    private readonly SustainedLevel _level = new();

    [Fact]
    public void A_higher_band_escalates_at_once()
    {
        Update(Level.Orange).Should().BeTrue();
        Update(Level.Red).Should().BeTrue();

        _level.Level.Should().Be(Level.Red);
    }

    [Fact]
    public void Red_steps_down_only_after_15_minutes_in_the_lower_band()
    {
        Update(Level.Red);
        var recovered = Advance(TimeSpan.FromMinutes(1));

        while (_time.GetUtcNow() < recovered + StepDown - TimeSpan.FromSeconds(1))
        {
            Update(Level.Green).Should().BeFalse();
            _level.Level.Should().Be(Level.Red);
            Advance(TimeSpan.FromSeconds(1));
        }

        Update(Level.Green).Should().BeFalse("14:59 in the lower band is not yet 15 minutes");
        Advance(TimeSpan.FromSeconds(1));
        Update(Level.Green).Should().BeTrue();
        _level.Level.Should().Be(Level.Green);
        _level.Finding.Should().BeNull();
    }

    [Fact]
    public void Recovery_through_orange_steps_to_orange_then_to_green_each_after_15_minutes_in_its_band()
    {
        Update(Level.Red);
        var belowRed = Advance(TimeSpan.FromMinutes(1));
        Update(Level.Orange);
        var belowOrange = Advance(TimeSpan.FromMinutes(5));
        Update(Level.Green);

        Advance(belowRed + StepDown - _time.GetUtcNow());
        Update(Level.Green).Should().BeTrue();
        _level.Level.Should().Be(Level.Orange);
        _level.Finding!.Level.Should().Be(Level.Orange);

        Advance(belowOrange + StepDown - _time.GetUtcNow());
        Update(Level.Green).Should().BeTrue();
        _level.Level.Should().Be(Level.Green);
    }

    [Fact]
    public void A_return_to_the_band_restarts_the_15_minutes()
    {
        Update(Level.Red);
        Advance(TimeSpan.FromMinutes(1));
        Update(Level.Green);
        Advance(TimeSpan.FromMinutes(10));
        Update(Level.Red).Should().BeFalse();
        var recoveredAgain = Advance(TimeSpan.FromMinutes(1));
        Update(Level.Green);

        Advance(TimeSpan.FromMinutes(14));
        Update(Level.Green).Should().BeFalse();
        _level.Level.Should().Be(Level.Red);

        Advance(recoveredAgain + StepDown - _time.GetUtcNow());
        Update(Level.Green).Should().BeTrue();
    }

    private bool Update(Level candidate) => _level.Update(
        candidate, candidate == Level.Green ? null : new Finding("spo2-low", candidate, "spo2", 93), _time.GetUtcNow(), StepDown);

    private DateTimeOffset Advance(TimeSpan by)
    {
        _time.Advance(by);
        return _time.GetUtcNow();
    }
}
