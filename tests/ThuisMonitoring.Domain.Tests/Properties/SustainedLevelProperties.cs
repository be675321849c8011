using FsCheck.Xunit;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Properties;

/// <summary>What holds for every sequence of continuous candidates and every episode that is not active.</summary>
public sealed class SustainedLevelProperties
{
    private static readonly TimeSpan StepDown = TimeSpan.FromMinutes(15);

    [Property(MaxTest = 300)]
    public void The_level_never_drops_below_what_the_condition_shows_now(byte[] candidates, byte[] secondsBetween)
    {
        var level = new SustainedLevel();
        var at = SpotCheck.MorningRound;
        for (var i = 0; i < candidates.Length; i++)
        {
            var candidate = (Level)(candidates[i] % 3);
            level.Update(candidate, new Finding("spo2-low", candidate, "spo2", 93), at, StepDown);

            level.Level.Should().BeOneOf(Enum.GetValues<Level>().Where(l => l >= candidate));
            at = at.AddSeconds(secondsBetween.Length == 0 ? 60 : secondsBetween[i % secondsBetween.Length] * 10);
        }
    }

    [Property(MaxTest = 300)]
    public void A_level_only_steps_down_after_the_step_down_time_below_it(byte[] candidates)
    {
        var level = new SustainedLevel();
        var at = SpotCheck.MorningRound;
        var atOrAbove = new Dictionary<Level, DateTimeOffset>();
        foreach (var raw in candidates)
        {
            var candidate = (Level)(raw % 3);
            for (var l = Level.Green; l <= candidate; l++)
            {
                atOrAbove[l] = at;
            }

            var before = level.Level;
            level.Update(candidate, null, at, StepDown);
            if (level.Level < before)
            {
                (at - atOrAbove[before]).Should().BeGreaterThanOrEqualTo(StepDown);
            }

            at = at.AddMinutes(1);
        }
    }

    [Property(MaxTest = 100)]
    public void An_episode_that_is_not_active_never_alerts_whatever_arrives(bool ended, byte battery, byte silentMinutes)
    {
        var now = SpotCheck.MorningRound;
        var episode = new Episode(new EpisodeSnapshot(
            new Enrolment("patient-1", Pathway.EarlyDischarge, "dr.jansen", null, 2.0, null, now.AddDays(-3)),
            ended ? EpisodeState.Ended : EpisodeState.Readmitted, 2.0, Level.Green, null, null, []));

        if (DeviceRules.CheckBattery(battery % 101, now, CovidOxygenProtocol.Default) is { } low)
        {
            episode.Apply(low, now, () => "a-1");
        }

        if (DeviceRules.CheckSilence(now.AddMinutes(-silentMinutes), now, CovidOxygenProtocol.Default) is { } silent)
        {
            episode.Apply(silent, now, () => "a-2");
        }

        episode.CheckDue(now.AddHours(-2), CovidOxygenProtocol.Default, now, () => "a-3");
        episode.Advise(CovidOxygenProtocol.Default, now.AddDays(20), () => "advice-1").Should().BeEmpty();
        episode.Alerts.All.Should().BeEmpty();
    }
}
