using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Schedules;

namespace ThuisMonitoring.Domain.Tests.Schedules;

/// <summary>PROTOCOL.md section 5: not received within 60 min is orange measurement-missed; the second consecutive miss is red.</summary>
public sealed class MissedMeasurementTests
{
    private static readonly DateTimeOffset Due = SpotCheck.MorningRound;

    [Theory]
    [InlineData(-61, false)]
    [InlineData(-60, true)]
    [InlineData(0, true)]
    [InlineData(59, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void A_measurement_within_60_minutes_of_the_due_time_meets_it(int minutesFromDue, bool met)
    {
        MissedMeasurementRule.IsMet(Due, [Due.AddMinutes(minutesFromDue)], CovidOxygenProtocol.Default.Schedule).Should().Be(met);
    }

    [Theory]
    [InlineData(0, 1, Level.Orange)]
    [InlineData(1, 2, Level.Red)]
    [InlineData(5, 6, Level.Red)]
    public void A_miss_is_orange_and_the_second_in_a_row_red(int missesBefore, int expectedMisses, Level expectedLevel)
    {
        var decision = MissedMeasurementRule.Decide(Due, [], missesBefore, CovidOxygenProtocol.Default);

        decision.Missed.Should().BeTrue();
        decision.ConsecutiveMisses.Should().Be(expectedMisses);
        decision.Evaluation!.Findings.Should().ContainSingle()
            .Which.Should().Be(new Finding("measurement-missed", expectedLevel, "schedule", expectedMisses));
    }

    [Fact]
    public void A_met_measurement_resets_the_count()
    {
        var decision = MissedMeasurementRule.Decide(Due, [Due.AddMinutes(10)], 3, CovidOxygenProtocol.Default);

        decision.Missed.Should().BeFalse();
        decision.ConsecutiveMisses.Should().Be(0);
    }

    [Fact]
    public void A_day_of_the_episode_orange_then_red_on_the_same_alert_then_reset_by_a_measurement()
    {
        var time = new FakeTimeProvider(Due.AddHours(-1));
        var alertNumber = 0;
        var episode = Episode.Start(new Enrolment("patient-1", Pathway.GeneralPractice, "dr.jansen", null, 2.0, null, time.GetUtcNow()));
        var schedule = episode.Schedule(CovidOxygenProtocol.Default);
        EpisodeUpdate Check(DateTimeOffset due) => episode.CheckDue(due, CovidOxygenProtocol.Default, time.GetUtcNow(), () => $"alert-{++alertNumber}");

        var morning = schedule.NextDue(time.GetUtcNow());
        time.SetUtcNow(morning.AddMinutes(59));
        Check(morning).Evaluation.Should().BeNull("the grace period has not passed yet");
        time.SetUtcNow(morning.AddMinutes(60));
        var first = Check(morning);
        first.ChangedAlerts.Should().ContainSingle().Which.Level.Should().Be(Level.Orange);
        Check(morning).ChangedAlerts.Should().BeEmpty("a reminder that fires twice decides once");

        var afternoon = schedule.NextDue(morning);
        time.SetUtcNow(afternoon.AddMinutes(60));
        var second = Check(afternoon);
        second.ChangedAlerts.Should().ContainSingle().Which.Should().Match<ThuisMonitoring.Domain.Alerts.Alert>(
            a => a.AlertId == first.ChangedAlerts[0].AlertId && a.Level == Level.Red);
        episode.ConsecutiveMisses.Should().Be(2);

        var evening = schedule.NextDue(afternoon);
        episode.Record(SpotCheck.Of(spo2: 96, measuredAt: evening.AddMinutes(5)), CovidOxygenProtocol.Default, evening.AddMinutes(5), () => "x");
        time.SetUtcNow(evening.AddMinutes(60));
        Check(evening).Evaluation.Should().BeNull();
        episode.ConsecutiveMisses.Should().Be(0);
        new Episode(episode.ToSnapshot()).LastDueChecked.Should().Be(evening);
    }
}
