using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Continuous;

/// <summary>PROTOCOL.md section 4: device silent for 10 min is orange device-silent; battery below 15 % is orange battery-low.</summary>
public sealed class DeviceRulesTests
{
    private static readonly DateTimeOffset LastSample = SpotCheck.MorningRound;

    [Theory]
    [InlineData(0, false)]
    [InlineData(599, false)]
    [InlineData(600, true)]
    [InlineData(3600, true)]
    public void A_device_silent_for_10_minutes_is_orange_device_silent(int silentSeconds, bool expected)
    {
        var evaluation = DeviceRules.CheckSilence(LastSample, LastSample.AddSeconds(silentSeconds), CovidOxygenProtocol.Default);

        if (expected)
        {
            evaluation!.Level.Should().Be(Level.Orange);
            evaluation.Findings.Should().ContainSingle().Which.Reason.Should().Be("device-silent");
        }
        else
        {
            evaluation.Should().BeNull();
        }
    }

    [Fact]
    public void A_device_that_never_sent_anything_is_not_silent_yet()
    {
        DeviceRules.CheckSilence(null, LastSample, CovidOxygenProtocol.Default).Should().BeNull();
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(14, true)]
    [InlineData(15, false)]
    [InlineData(100, false)]
    public void A_battery_below_15_percent_is_orange_battery_low(int battery, bool expected)
    {
        var evaluation = DeviceRules.CheckBattery(battery, LastSample, CovidOxygenProtocol.Default);

        if (expected)
        {
            evaluation!.Findings.Should().ContainSingle().Which.Should().Be(new Finding("battery-low", Level.Orange, "battery", battery));
        }
        else
        {
            evaluation.Should().BeNull();
        }
    }

    [Fact]
    public void An_ended_episode_never_alerts_on_its_device()
    {
        var snapshot = new EpisodeSnapshot(
            new Enrolment("patient-1", Pathway.EarlyDischarge, "dr.jansen", null, 2.0, null, LastSample),
            EpisodeState.Ended, 2.0, Level.Green, null, null, []);
        var episode = new Episode(snapshot);

        var update = episode.Apply(DeviceRules.CheckSilence(LastSample, LastSample.AddHours(1), CovidOxygenProtocol.Default)!, LastSample.AddHours(1), () => "a-1");

        update.ChangedAlerts.Should().BeEmpty();
        episode.Alerts.All.Should().BeEmpty();
    }
}
