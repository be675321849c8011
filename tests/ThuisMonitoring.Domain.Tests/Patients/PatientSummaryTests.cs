using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Patients;

/// <summary>
/// The overview's read model: a summary written at one time tells the next measurement due at any later time exactly
/// as the episode would (one rule: MeasurementSchedule.NextUnmet), and carries the overview's facts of the episode.
/// </summary>
public sealed class PatientSummaryTests
{
    // 2021-12-13 is a Monday in winter: Amsterdam is UTC+1. Spot checks 08:00, 14:00, 20:00; grace 60 min.
    private static readonly TimeSpan Amsterdam = TimeSpan.FromHours(1);

    [Theory]
    // written (local), last measured (local or null), asked (local)
    [InlineData("10:00", null, "10:00")]
    [InlineData("10:00", null, "14:30")]   // the due time it was written with, still in its grace period
    [InlineData("10:00", null, "15:30")]   // past its grace: the next one, computed again
    [InlineData("14:30", "14:10", "16:00")]
    [InlineData("10:00", null, "21:30")]
    [InlineData("21:30", "20:05", "09:30+1")]
    public void The_next_due_time_at_any_later_time_is_the_episodes(string written, string? lastMeasured, string asked)
    {
        var episode = Episode.Start(new Enrolment("patient-1", Pathway.GeneralPractice, "dr.jansen", null, 0, null, Local("07:00")));
        if (lastMeasured is not null)
        {
            episode.Record(SpotCheck.Of(spo2: 97, heartRate: 70, respiratoryRate: 14, measuredAt: Local(lastMeasured)), CovidOxygenProtocol.Default, Local(lastMeasured), () => "alert-1");
        }

        var summary = PatientSummary.Of("patient-1", episode, CovidOxygenProtocol.Default, Local(written));

        summary.NextMeasurementDue(Local(asked)).Should().Be(episode.NextMeasurementDue(CovidOxygenProtocol.Default, Local(asked)));
    }

    [Fact]
    public void A_summary_has_the_episodes_level_values_and_open_advice_and_no_next_due_once_ended()
    {
        var episode = Episode.Start(new Enrolment("patient-1", Pathway.GeneralPractice, "dr.jansen", null, 2, null, Local("07:00")));
        var low = SpotCheck.Of(spo2: 88, heartRate: 110, respiratoryRate: 26, measuredAt: Local("09:00"));
        episode.Record(low, CovidOxygenProtocol.Default, Local("09:00"), () => "alert-1");

        var summary = PatientSummary.Of("patient-1", episode, CovidOxygenProtocol.Default, Local("09:01"));

        summary.Level.Should().Be(Level.Red);
        summary.LastMeasurement.Should().Be(low);
        summary.News2.Should().Be(episode.LastNews2Score);
        summary.OxygenFlow.Should().Be(2);
        summary.OpenAdvice.Should().BeEquivalentTo(episode.Advice.Where(a => a.IsOpen));
        summary.UrgentResponseTime.Should().Be(CovidOxygenProtocol.Default.ResponseTimes.Red);

        episode.Transition(EpisodeState.Ended, "dr.jansen", "hersteld", Local("10:00"));
        var ended = PatientSummary.Of("patient-1", episode, CovidOxygenProtocol.Default, Local("10:00"));
        ended.NextMeasurementDue(Local("11:00")).Should().BeNull();
        ended.Transitions.Should().ContainSingle().Which.To.Should().Be(EpisodeState.Ended);
    }

    private static DateTimeOffset Local(string time)
    {
        var nextDay = time.EndsWith("+1", StringComparison.Ordinal);
        var parts = (nextDay ? time[..^2] : time).Split(':');

        return new DateTimeOffset(2021, 12, nextDay ? 14 : 13, int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), 0, Amsterdam);
    }
}
