using ThuisMonitoring.Domain.Capacity;

namespace ThuisMonitoring.Domain.Tests.Capacity;

/// <summary>The 7-day prognosis of patients in monitoring (docs/capacity.md): intake rate and the episode lengths seen.</summary>
public sealed class MonitoringPrognosisTests
{
    private static readonly DateTimeOffset Now = SpotCheck.MorningRound;

    [Fact]
    public void With_every_episode_ten_days_long_patients_leave_as_their_tenth_day_passes()
    {
        var episodes = new List<EpisodeSpan>();
        // Seen: 20 episodes of exactly 10 days, long ago (outside the intake window).
        episodes.AddRange(Enumerable.Range(0, 20).Select(i => new EpisodeSpan(Now.AddDays(-60 - i), Now.AddDays(-50 - i))));
        // In monitoring now: one patient 8 days in, one 2 days in.
        episodes.Add(new EpisodeSpan(Now.AddDays(-8), null));
        episodes.Add(new EpisodeSpan(Now.AddDays(-2), null));

        var prognosis = MonitoringPrognosis.Forecast(episodes, Now);

        prognosis.InMonitoringNow.Should().Be(2);
        prognosis.IntakePerDay.Should().Be(0.14, "two enrolments in the last 14 days");
        prognosis.EndedEpisodesSeen.Should().Be(20);
        prognosis.MedianEpisodeDays.Should().Be(10);
        // Staying: 2 on day 1, then 1 (the patient 8 days in reaches day 10); arriving: 2/14 a day, none leave within 7 days.
        prognosis.Days.Select(d => d.Expected).Should().Equal(2.1, 1.3, 1.4, 1.6, 1.7, 1.9, 2.0);
    }

    [Fact]
    public void Steady_intake_adds_the_arrivals_that_are_still_in_monitoring()
    {
        // 14 enrolments over the last 14 days (1 a day), none ended: nobody is seen to leave.
        var episodes = Enumerable.Range(0, 14).Select(i => new EpisodeSpan(Now.AddDays(-i - 1).AddMinutes(1), null)).ToList();

        var prognosis = MonitoringPrognosis.Forecast(episodes, Now);

        prognosis.IntakePerDay.Should().Be(1);
        prognosis.MedianEpisodeDays.Should().BeNull();
        prognosis.Days.Select(d => d.Expected).Should().Equal(15, 16, 17, 18, 19, 20, 21);
    }

    [Fact]
    public void Episodes_still_running_count_as_censored_not_as_ended()
    {
        // Two ended after 1 day, two still running after 5 days: half are seen to leave on day 1 (of 4 at risk), no more.
        var episodes = new[]
        {
            new EpisodeSpan(Now.AddDays(-30), Now.AddDays(-29)),
            new EpisodeSpan(Now.AddDays(-31), Now.AddDays(-30)),
            new EpisodeSpan(Now.AddDays(-5), null),
            new EpisodeSpan(Now.AddDays(-5), null),
        };

        var survival = new EpisodeSurvival(episodes, Now);

        survival.After(0.5).Should().Be(1);
        survival.After(1).Should().Be(0.5);
        survival.After(20).Should().Be(0.5);
        survival.MedianDays.Should().Be(1);
    }

    [Fact]
    public void The_intake_rate_is_taken_over_the_days_since_the_first_enrolment_when_fewer_than_fourteen()
    {
        var episodes = new[] { new EpisodeSpan(Now.AddDays(-2), null), new EpisodeSpan(Now.AddDays(-1), null), new EpisodeSpan(Now.AddHours(-1), null) };

        MonitoringPrognosis.IntakePerDay(episodes, Now).Should().Be(1.5);
        MonitoringPrognosis.IntakePerDay([], Now).Should().Be(0);
    }

    [Fact]
    public void The_prognosis_covers_seven_days_from_now()
    {
        var prognosis = MonitoringPrognosis.Forecast([], Now);

        prognosis.Days.Select(d => d.Day).Should().Equal(1, 2, 3, 4, 5, 6, 7);
        prognosis.Days[^1].At.Should().Be(Now.AddDays(7));
        prognosis.Days.Should().OnlyContain(d => d.Expected == 0);
    }
}
