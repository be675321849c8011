using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Episodes;

/// <summary>One patient's monitoring episode: evaluating measurements, the traffic light, overrides, persistence.</summary>
public sealed class EpisodeTests
{
    private readonly FakeTimeProvider _time = new(SpotCheck.MorningRound);
    private int _alertNumber;

    [Fact]
    public void A_started_episode_is_monitoring_and_green()
    {
        var episode = Episode.Start(Enrol(oxygenFlow: 2.0));

        episode.State.Should().Be(EpisodeState.Monitoring);
        episode.IsActive.Should().BeTrue();
        episode.Level.Should().Be(Level.Green);
        episode.OxygenFlow.Should().Be(2.0);
        episode.LastMeasurement.Should().BeNull();
        episode.LastNews2Score.Should().BeNull();
        episode.Alerts.All.Should().BeEmpty();
    }

    [Fact]
    public void Recording_a_measurement_evaluates_it_on_the_prescribed_flow_and_gives_the_patient_feedback()
    {
        var episode = Episode.Start(Enrol(oxygenFlow: 2.0));
        var measurement = SpotCheck.Of(spo2: 93, heartRate: 80, respiratoryRate: 16, temperature: 37.0);

        var update = Record(episode, measurement);

        update.Evaluation.Should().BeEquivalentTo(SpotCheck.Evaluate(measurement, 2.0));
        update.ChangedAlerts.Should().ContainSingle().Which.Reasons.Should().Equal("spo2-low");
        update.Feedback.Should().Be(PatientFeedback.For(Level.Orange));
        episode.LastMeasurement.Should().Be(measurement);
        episode.LastLevel.Should().Be(Level.Orange);
        episode.LastNews2Score.Should().Be(update.Evaluation!.News2Score);
    }

    [Fact]
    public void Level_is_the_highest_of_the_last_evaluation_and_any_active_alert()
    {
        var episode = Episode.Start(Enrol(oxygenFlow: 2.0));
        var alert = Record(episode, SpotCheck.Of(spo2: 91)).ChangedAlerts.Single();
        _time.Advance(TimeSpan.FromMinutes(20));

        Record(episode, SpotCheck.Of(spo2: 97, measuredAt: _time.GetUtcNow()));

        episode.LastLevel.Should().Be(Level.Green);
        episode.Level.Should().Be(Level.Red, "the red alert is still being worked");

        episode.Alerts.Acknowledge(alert.AlertId, "nurse.anna", _time.GetUtcNow());
        episode.Level.Should().Be(Level.Red, "an acknowledged alert is still active");

        episode.Alerts.Resolve(alert.AlertId, "nurse.anna", "advice-given", null, _time.GetUtcNow());
        episode.Level.Should().Be(Level.Green);
    }

    [Fact]
    public void Level_follows_the_last_evaluation_when_it_is_above_every_active_alert()
    {
        var episode = Episode.Start(Enrol(oxygenFlow: 2.0));
        Record(episode, SpotCheck.Of(heartRate: 125));

        _time.Advance(TimeSpan.FromMinutes(20));
        Record(episode, SpotCheck.Of(heartRate: 135, measuredAt: _time.GetUtcNow()));

        episode.LastLevel.Should().Be(Level.Red);
        episode.Level.Should().Be(Level.Red);
    }

    [Theory]
    [InlineData(2.0, null, 93, Level.Orange, "spo2-low")]
    [InlineData(2.0, 2.0, 93, Level.Red, "spo2-critical")]
    [InlineData(3.0, null, 93, Level.Red, "spo2-critical")]
    [InlineData(3.0, 4.0, 93, Level.Orange, "spo2-low")]
    [InlineData(3.0, 4.0, 91, Level.Red, "spo2-critical")]
    public void A_per_patient_maximum_home_flow_decides_when_spo2_in_the_orange_band_is_critical(
        double prescribedFlow, double? maxHomeOxygenFlow, int spo2, Level expectedLevel, string expectedReason)
    {
        var episode = Episode.Start(Enrol(prescribedFlow, new ThresholdOverrides(maxHomeOxygenFlow)));

        var update = Record(episode, SpotCheck.Of(spo2: spo2));

        update.Evaluation!.FindingFor("spo2").Should().BeEquivalentTo(new Finding(expectedReason, expectedLevel, "spo2", spo2));
    }

    [Theory]
    [InlineData(null, 3.5, Level.Red)]
    [InlineData(4.0, 3.5, Level.Orange)]
    [InlineData(4.0, 4.5, Level.Red)]
    public void A_per_patient_maximum_home_flow_decides_when_rising_oxygen_need_is_urgent(
        double? maxHomeOxygenFlow, double reportedFlow, Level expectedLevel)
    {
        var episode = Episode.Start(Enrol(2.0, new ThresholdOverrides(maxHomeOxygenFlow)));

        var update = Record(episode, SpotCheck.Of(oxygenFlow: reportedFlow));

        update.Evaluation!.FindingFor("oxygenFlow").Should().BeEquivalentTo(
            new Finding("oxygen-need-rising", expectedLevel, "oxygenFlow", reportedFlow));
    }

    [Fact]
    public void The_effective_protocol_is_the_shipped_protocol_with_the_patients_overrides()
    {
        var withOverride = Episode.Start(Enrol(2.0, new ThresholdOverrides(MaxHomeOxygenFlow: 5.0)));
        var withoutOverride = Episode.Start(Enrol(2.0, thresholds: null));

        withOverride.EffectiveProtocol(CovidOxygenProtocol.Default)
            .Should().Be(CovidOxygenProtocol.Default with { MaxHomeOxygenFlow = 5.0 });
        withoutOverride.EffectiveProtocol(CovidOxygenProtocol.Default).Should().Be(CovidOxygenProtocol.Default);
    }

    [Fact]
    public void A_snapshot_restores_an_episode_with_the_same_observable_state()
    {
        var original = Episode.Start(Enrol(2.0, new ThresholdOverrides(MaxHomeOxygenFlow: 2.5)));
        var orange = Record(original, SpotCheck.Of(heartRate: 125, messageId: "m-1")).ChangedAlerts.Single();
        original.Alerts.Acknowledge(orange.AlertId, "nurse.anna", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromHours(6));
        Record(original, SpotCheck.Of(feeling: Feeling.MuchWorse, messageId: "m-2", measuredAt: _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromHours(6));
        Record(original, SpotCheck.Of(spo2: 96, heartRate: 80, respiratoryRate: 16, messageId: "m-3", measuredAt: _time.GetUtcNow()));

        var restored = new Episode(original.ToSnapshot());

        restored.Enrolment.Should().Be(original.Enrolment);
        restored.State.Should().Be(original.State);
        restored.IsActive.Should().Be(original.IsActive);
        restored.OxygenFlow.Should().Be(original.OxygenFlow);
        restored.LastLevel.Should().Be(original.LastLevel);
        restored.Level.Should().Be(original.Level).And.Be(Level.Red);
        restored.LastMeasurement.Should().Be(original.LastMeasurement);
        restored.LastNews2Score.Should().Be(original.LastNews2Score);
        restored.Alerts.All.Should().BeEquivalentTo(original.Alerts.All, o => o.WithStrictOrdering());
        restored.Alerts.Active.Should().BeEquivalentTo(original.Alerts.Active);
        restored.EffectiveProtocol(CovidOxygenProtocol.Default)
            .Should().Be(original.EffectiveProtocol(CovidOxygenProtocol.Default));
        restored.ToSnapshot().Should().BeEquivalentTo(original.ToSnapshot());
    }

    [Fact]
    public void A_restored_episode_goes_on_updating_its_active_alert()
    {
        var original = Episode.Start(Enrol(2.0));
        var alert = Record(original, SpotCheck.Of(heartRate: 125)).ChangedAlerts.Single();
        var restored = new Episode(original.ToSnapshot());
        _time.Advance(TimeSpan.FromHours(6));

        var update = Record(restored, SpotCheck.Of(heartRate: 135, measuredAt: _time.GetUtcNow()));

        update.ChangedAlerts.Should().ContainSingle().Which.AlertId.Should().Be(alert.AlertId);
        restored.Alerts.All.Should().ContainSingle().Which.Level.Should().Be(Level.Red);
    }

    [Theory]
    [InlineData(EpisodeState.Ended)]
    [InlineData(EpisodeState.Readmitted)]
    public void An_episode_that_is_not_active_records_measurements_but_never_alerts(EpisodeState state)
    {
        var snapshot = new EpisodeSnapshot(Enrol(2.0), state, 2.0, Level.Green, null, null, []);
        var episode = new Episode(snapshot);
        var measurement = SpotCheck.Of(spo2: 85, heartRate: 140, feeling: Feeling.MuchWorse);

        var update = Record(episode, measurement);

        episode.IsActive.Should().BeFalse();
        update.Evaluation.Should().BeNull();
        update.ChangedAlerts.Should().BeEmpty();
        update.Feedback.Should().Be(PatientFeedback.EpisodeEnded);
        episode.LastMeasurement.Should().Be(measurement);
        episode.Alerts.All.Should().BeEmpty();
        episode.Level.Should().Be(Level.Green);
        episode.LastNews2Score.Should().BeNull();
    }

    [Fact]
    public void A_late_measurement_older_than_the_last_one_does_not_replace_it()
    {
        var episode = Episode.Start(Enrol(2.0));
        var newest = SpotCheck.Of(spo2: 97, measuredAt: SpotCheck.MorningRound);
        Record(episode, newest);

        var update = Record(episode, SpotCheck.Of(heartRate: 125, measuredAt: SpotCheck.MorningRound.AddHours(-6)));

        episode.LastMeasurement.Should().Be(newest);
        episode.LastLevel.Should().Be(Level.Green);
        update.ChangedAlerts.Should().ContainSingle("a late measurement is still evaluated")
            .Which.Level.Should().Be(Level.Orange);
    }

    [Fact]
    public void The_episode_remembers_its_measurements_so_a_drop_against_the_patients_own_baseline_alerts()
    {
        var episode = Episode.Start(Enrol(oxygenFlow: 0));
        foreach (var hours in new[] { 0, 6, 12 })
        {
            Record(episode, SpotCheck.Of(spo2: 98, measuredAt: SpotCheck.MorningRound.AddHours(hours)));
        }

        var update = Record(episode, SpotCheck.Of(spo2: 94, measuredAt: SpotCheck.MorningRound.AddHours(24)));

        update.ChangedAlerts.Should().ContainSingle().Which.Reasons.Should().Equal("spo2-drop");
        update.Evaluation!.Findings.Should().ContainSingle().Which.Reference.Should().Be(98);
        episode.History.Records.Should().HaveCount(4);
    }

    [Fact]
    public void A_restored_episode_keeps_its_history()
    {
        var original = Episode.Start(Enrol(oxygenFlow: 0));
        Record(original, SpotCheck.Of(spo2: 97));

        var restored = new Episode(original.ToSnapshot());

        restored.History.Should().Be(original.History);
        restored.History.Records.Should().ContainSingle().Which.Spo2.Should().Be(97);
    }

    private EpisodeUpdate Record(Episode episode, Measurement measurement) =>
        episode.Record(measurement, CovidOxygenProtocol.Default, _time.GetUtcNow(), NextAlertId);

    private string NextAlertId() => $"alert-{++_alertNumber}";

    private Enrolment Enrol(double oxygenFlow, ThresholdOverrides? thresholds = null) => new(
        "patient-1", Pathway.EarlyDischarge, "dr.jansen", "Ziekenhuis Noord", oxygenFlow, thresholds, _time.GetUtcNow());
}
