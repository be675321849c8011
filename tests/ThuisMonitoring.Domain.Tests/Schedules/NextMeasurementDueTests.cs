using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Schedules;

/// <summary>The overview shows when a patient's next measurement is due (default spot checks 08:00, 14:00, 20:00; grace 60 min).</summary>
public sealed class NextMeasurementDueTests
{
    // 2021-12-13 is a Monday in winter: Amsterdam is UTC+1.
    private static readonly TimeSpan Amsterdam = TimeSpan.FromHours(1);

    [Theory]
    // now (local), last measured (local or null), next due (local)
    [InlineData("10:00", null, "14:00")]
    [InlineData("13:30", null, "14:00")]
    [InlineData("14:30", null, "14:00")]   // overdue, still within the grace period
    [InlineData("14:30", "14:10", "20:00")] // met
    [InlineData("15:30", null, "20:00")]   // the 14:00 one is past its grace: a missed measurement, not due any more
    [InlineData("21:30", "20:05", "08:00+1")]
    public void The_next_due_time_is_the_first_one_not_yet_met_and_not_yet_missed(string now, string? lastMeasured, string expected)
    {
        var episode = Episode.Start(new Enrolment("patient-1", Pathway.GeneralPractice, "dr.jansen", null, 0, null, Local("07:00")));
        if (lastMeasured is not null)
        {
            episode.Record(SpotCheck.Of(spo2: 97, heartRate: 70, respiratoryRate: 14, measuredAt: Local(lastMeasured)), CovidOxygenProtocol.Default, Local(lastMeasured), () => "alert-1");
        }

        episode.NextMeasurementDue(CovidOxygenProtocol.Default, Local(now)).Should().Be(Local(expected));
    }

    [Fact]
    public void An_ended_episode_has_no_next_measurement()
    {
        var episode = Episode.Start(new Enrolment("patient-1", Pathway.GeneralPractice, "dr.jansen", null, 0, null, Local("07:00")));
        episode.Transition(EpisodeState.Ended, "dr.jansen", "hersteld", Local("09:00"));

        episode.NextMeasurementDue(CovidOxygenProtocol.Default, Local("10:00")).Should().BeNull();
    }

    private static DateTimeOffset Local(string time)
    {
        var nextDay = time.EndsWith("+1", StringComparison.Ordinal);
        var parts = (nextDay ? time[..^2] : time).Split(':');

        return new DateTimeOffset(2021, 12, nextDay ? 14 : 13, int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), 0, Amsterdam);
    }
}
