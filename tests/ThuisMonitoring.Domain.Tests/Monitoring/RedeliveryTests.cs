using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Monitoring;

/// <summary>What of a resent (already stored) device message the episode has not evaluated: decided in memory (docs/mqtt.md).</summary>
public sealed class RedeliveryTests
{
    private static readonly DateTimeOffset Start = SpotCheck.MorningRound;
    private static readonly ProtocolDocument Protocol = CovidOxygenProtocol.Default;
    private static readonly TimeSpan Horizon = VitalHistory.HorizonOf(Protocol);

    private readonly PatientMonitor _monitor = Enrolled();

    [Fact]
    public void A_resend_of_an_evaluated_spot_check_is_nothing()
    {
        var reading = SpotCheck.Of(spo2: 85, measuredAt: Start);
        Record(reading);

        Redelivery.Of(Episode, [reading], Horizon).IsNothing.Should().BeTrue();
    }

    [Fact]
    public void Nothing_evaluated_yet_reaches_past_the_last_measurement()
    {
        var redelivery = Redelivery.Of(Episode, [SpotCheck.Of(spo2: 85, measuredAt: Start)], Horizon);

        redelivery.ReachesPastLast.Should().BeTrue();
        redelivery.Unevaluated.Should().BeEmpty();
    }

    [Fact]
    public void A_reading_after_the_last_measurement_reaches_past_it()
    {
        Record(SpotCheck.Of(spo2: 97, measuredAt: Start));

        Redelivery.Of(Episode, [SpotCheck.Of(spo2: 85, measuredAt: Start.AddMinutes(5))], Horizon).ReachesPastLast.Should().BeTrue();
    }

    [Fact]
    public void A_reading_before_the_last_measurement_that_the_history_lacks_is_unevaluated()
    {
        var missed = SpotCheck.Of(spo2: 85, measuredAt: Start.AddMinutes(-10));
        var evaluated = SpotCheck.Of(spo2: 90, measuredAt: Start.AddMinutes(-20));
        Record(evaluated);
        Record(SpotCheck.Of(spo2: 97, measuredAt: Start));

        var redelivery = Redelivery.Of(Episode, [evaluated, missed], Horizon);

        redelivery.ReachesPastLast.Should().BeFalse();
        redelivery.Unevaluated.Should().Equal(missed);
    }

    [Fact]
    public void A_reading_older_than_the_history_within_the_horizon_is_unevaluated_and_beyond_it_is_taken_as_evaluated()
    {
        Record(SpotCheck.Of(spo2: 97, measuredAt: Start));
        var within = SpotCheck.Of(spo2: 85, measuredAt: Start - Horizon / 2);
        var beyond = SpotCheck.Of(spo2: 85, measuredAt: Start - Horizon - TimeSpan.FromHours(1));

        Redelivery.Of(Episode, [within, beyond], Horizon).Unevaluated.Should().Equal(within);
    }

    [Fact]
    public void A_store_that_keeps_microseconds_still_matches_the_history()
    {
        var reading = SpotCheck.Of(spo2: 85, measuredAt: Start.AddTicks(7));
        Record(reading);
        Record(SpotCheck.Of(spo2: 97, measuredAt: Start.AddMinutes(1)));

        Redelivery.Of(Episode, [reading with { MeasuredAt = Start }], Horizon).IsNothing.Should().BeTrue();
    }

    [Fact]
    public void In_an_ended_episode_an_older_reading_is_nothing()
    {
        Record(SpotCheck.Of(spo2: 97, measuredAt: Start));
        Episode.Transition(EpisodeState.Ended, "dr.jansen", "hersteld", Start);

        Redelivery.Of(Episode, [SpotCheck.Of(spo2: 85, measuredAt: Start.AddMinutes(-5))], Horizon).IsNothing.Should().BeTrue();
    }

    private Episode Episode => _monitor.Episode!;

    private void Record(Measurement measurement) =>
        _monitor.Record([measurement], DeviceKind.PatientApp, "app-1", Protocol, measurement.MeasuredAt);

    private static PatientMonitor Enrolled()
    {
        var monitor = new PatientMonitor();
        monitor.Enrol(new Enrolment("patient-1", Pathway.GeneralPractice, "dr.jansen", null, 2.0, null, Start.AddDays(-3)));
        return monitor;
    }
}
