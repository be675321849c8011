using System.Globalization;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Schedules;

namespace ThuisMonitoring.Domain.Tests.Schedules;

/// <summary>PROTOCOL.md section 5: spot checks at 08:00, 14:00 and 20:00 Europe/Amsterdam; every 4 h while awake in the first 24 h after early discharge.</summary>
public sealed class MeasurementScheduleTests
{
    private static readonly ScheduleRules Rules = CovidOxygenProtocol.Default.Schedule;

    [Theory]
    // winter (CET, +01:00)
    [InlineData("2021-12-13T07:59:00+01:00", "2021-12-13T08:00:00+01:00")]
    [InlineData("2021-12-13T08:00:00+01:00", "2021-12-13T14:00:00+01:00")]
    [InlineData("2021-12-13T13:00:00+01:00", "2021-12-13T14:00:00+01:00")]
    [InlineData("2021-12-13T19:59:59+01:00", "2021-12-13T20:00:00+01:00")]
    [InlineData("2021-12-13T20:00:00+01:00", "2021-12-14T08:00:00+01:00")]
    [InlineData("2021-12-13T23:30:00Z", "2021-12-14T08:00:00+01:00")]
    // summer (CEST, +02:00)
    [InlineData("2021-07-01T10:00:00+02:00", "2021-07-01T14:00:00+02:00")]
    // over the spring change (28 March 2021, 02:00 -> 03:00) and the autumn change (31 October 2021, 03:00 -> 02:00)
    [InlineData("2021-03-27T20:30:00+01:00", "2021-03-28T08:00:00+02:00")]
    [InlineData("2021-10-30T20:30:00+02:00", "2021-10-31T08:00:00+01:00")]
    public void The_next_spot_check_is_the_next_local_time_in_Amsterdam(string now, string expected)
    {
        var schedule = new MeasurementSchedule(Rules, Parse("2021-01-01T00:00:00Z"), Pathway.GeneralPractice);

        var next = schedule.NextDue(Parse(now));

        next.Should().Be(Parse(expected));
        next.Offset.Should().Be(Parse(expected).Offset, "due times carry their Amsterdam offset");
    }

    [Fact]
    public void Over_the_spring_change_the_night_is_an_hour_shorter_in_absolute_time()
    {
        var schedule = new MeasurementSchedule(Rules, Parse("2021-01-01T00:00:00Z"), Pathway.GeneralPractice);

        var due = schedule.DueBetween(Parse("2021-03-27T18:59:00Z"), Parse("2021-03-28T19:00:00Z")).ToList();

        due.Select(d => d.UtcDateTime).Should().Equal(
            new DateTime(2021, 3, 27, 19, 0, 0, DateTimeKind.Utc),
            new DateTime(2021, 3, 28, 6, 0, 0, DateTimeKind.Utc),
            new DateTime(2021, 3, 28, 12, 0, 0, DateTimeKind.Utc),
            new DateTime(2021, 3, 28, 18, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void After_early_discharge_the_first_24_hours_are_every_4_hours_while_awake_then_the_spot_checks()
    {
        var enrolledAt = Parse("2021-12-13T10:30:00+01:00");
        var schedule = new MeasurementSchedule(Rules, enrolledAt, Pathway.EarlyDischarge);

        var due = schedule.DueBetween(enrolledAt, enrolledAt.AddHours(48)).Select(Local).ToList();

        due.Should().Equal(
            "13 12:00", "13 16:00", "13 20:00",
            "14 08:00", "14 14:00", "14 20:00",
            "15 08:00");
    }

    [Theory]
    [InlineData(Pathway.EmergencyDepartment)]
    [InlineData(Pathway.GeneralPractice)]
    public void Other_pathways_start_with_the_spot_checks(Pathway pathway)
    {
        var enrolledAt = Parse("2021-12-13T10:30:00+01:00");
        var schedule = new MeasurementSchedule(Rules, enrolledAt, pathway);

        schedule.DueBetween(enrolledAt, enrolledAt.AddHours(24)).Select(Local).Should().Equal("13 14:00", "13 20:00", "14 08:00");
    }

    [Fact]
    public void Nothing_is_due_before_enrolment()
    {
        var enrolledAt = Parse("2021-12-13T15:00:00+01:00");
        var schedule = new MeasurementSchedule(Rules, enrolledAt, Pathway.GeneralPractice);

        schedule.NextDue(enrolledAt.AddDays(-3)).Should().Be(Parse("2021-12-13T20:00:00+01:00"));
    }

    [Fact]
    public void An_organisation_can_choose_other_times()
    {
        var rules = Rules with { SpotChecks = [new(9, 0), new(21, 0)] };
        var schedule = new MeasurementSchedule(rules, Parse("2021-01-01T00:00:00Z"), Pathway.GeneralPractice);

        schedule.NextDue(Parse("2021-12-13T10:00:00+01:00")).Should().Be(Parse("2021-12-13T21:00:00+01:00"));
    }

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Rules.FindTimeZone()).ToString("dd HH:mm", CultureInfo.InvariantCulture);
}
