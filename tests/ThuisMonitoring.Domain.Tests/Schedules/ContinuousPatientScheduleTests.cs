using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Schedules;

/// <summary>A patient on a continuous meter is measured all the time: the schedule must not call that a miss.</summary>
public sealed class ContinuousPatientScheduleTests
{
    private static readonly ProtocolDocument Protocol = CovidOxygenProtocol.Default;

    [Fact]
    public void A_1_Hz_stream_through_the_due_time_meets_the_scheduled_measurement()
    {
        var (episode, due) = Enrolled();
        for (var at = due.AddMinutes(-70); at <= due.AddMinutes(61); at = at.AddSeconds(1))
        {
            episode.ObserveSample(new Measurement(at, Spo2: 96, HeartRate: 72), Level.Green, Protocol);
        }

        var update = episode.CheckDue(due, Protocol, due.AddMinutes(61), () => "alert-1");

        update.Evaluation.Should().BeNull();
        episode.Alerts.All.Should().BeEmpty();
    }

    [Fact]
    public void Without_samples_the_same_due_time_is_missed()
    {
        var (episode, due) = Enrolled();

        var update = episode.CheckDue(due, Protocol, due.AddMinutes(61), () => "alert-1");

        update.ChangedAlerts.Should().ContainSingle().Which.Reasons.Should().Contain(ReasonCodes.MeasurementMissed);
    }

    [Fact]
    public void A_stream_adds_at_most_one_history_record_a_minute_and_its_newest_sample_is_the_last_value()
    {
        var (episode, due) = Enrolled();
        var samples = Enumerable.Range(0, 600).Select(s => new Measurement(due.AddSeconds(s), Spo2: 95)).ToList();

        foreach (var sample in samples)
        {
            episode.ObserveSample(sample, Level.Green, Protocol);
        }

        episode.History.Records.Should().HaveCount(10);
        episode.LastMeasurement.Should().Be(samples[^1]);
        episode.Alerts.All.Should().BeEmpty();
    }

    private static (Episode Episode, DateTimeOffset Due) Enrolled()
    {
        var enrolledAt = SpotCheck.MorningRound.AddHours(-2);
        var episode = Episode.Start(new Enrolment("patient-c", Pathway.GeneralPractice, "dr.jansen", null, 2.0, null, enrolledAt));
        return (episode, episode.Schedule(Protocol).NextDue(enrolledAt));
    }
}
