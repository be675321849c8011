using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Reports;

namespace ThuisMonitoring.Domain.Tests.Reports;

/// <summary>The regional report's figures (docs/reports.md) from hand-made episodes: edges of the period, outcomes, rates, delays.</summary>
public sealed class RegionReportCalculationTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ReportPeriod November = new(From, From.AddDays(30));
    private static readonly DateTimeOffset Later = From.AddDays(60);

    [Fact]
    public void An_empty_period_counts_nothing_and_has_no_rates_medians_or_delays()
    {
        var report = RegionReportCalculation.Calculate([], November, Later, BedDayFactors.Default);

        report.Episodes.Should().BeEquivalentTo(new { Started = 0, Ended = 0, Readmitted = 0 });
        report.Episodes.ByPathway.Keys.Should().BeEquivalentTo(Enum.GetValues<Pathway>(), "every pathway is present, also with nothing");
        report.Episodes.ByPathway.Values.Should().OnlyContain(p => p.Started == 0 && p.Ended == 0 && p.Readmitted == 0);
        report.ReadmissionRate.Should().BeNull("nobody left monitoring");
        report.MedianEpisodeDays.Should().BeNull();
        report.BedDaysSaved.Should().Be(0);
        report.Alerts.Raised.Should().Be(0);
        report.Alerts.PerPatientDay.Should().BeNull("there was no patient-day");
        report.Alerts.ByReason.Should().BeEmpty();
        report.TimeToFirstCallMinutes.Should().Be(new CallDelays(null, null));
        report.CountedPatients.Should().BeEmpty();
    }

    [Fact]
    public void Episodes_outside_the_period_do_not_count()
    {
        var before = Episode("p1", Pathway.EarlyDischarge, From.AddDays(-10), ended: From.AddDays(-2));
        var after = Episode("p2", Pathway.EarlyDischarge, November.To.AddHours(1));

        var report = RegionReportCalculation.Calculate([before, after], November, Later, BedDayFactors.Default);

        report.Episodes.Started.Should().Be(0);
        report.Episodes.Ended.Should().Be(0);
        report.CountedPatients.Should().BeEmpty();
    }

    [Fact]
    public void The_period_includes_its_start_and_excludes_its_end()
    {
        var atStart = Episode("p1", Pathway.GeneralPractice, From);
        var atEnd = Episode("p2", Pathway.GeneralPractice, November.To);

        var report = RegionReportCalculation.Calculate([atStart, atEnd], November, Later, BedDayFactors.Default);

        report.Episodes.Started.Should().Be(1);
        report.Episodes.ByPathway[Pathway.GeneralPractice].Started.Should().Be(1);
    }

    [Fact]
    public void The_readmission_rate_is_readmitted_over_ended_plus_readmitted()
    {
        var episodes = new[]
        {
            Episode("p1", Pathway.EarlyDischarge, From.AddDays(1), ended: From.AddDays(4)),
            Episode("p2", Pathway.EarlyDischarge, From.AddDays(1), ended: From.AddDays(5)),
            Episode("p3", Pathway.EarlyDischarge, From.AddDays(2), readmitted: From.AddDays(3)),
        };

        var report = RegionReportCalculation.Calculate(episodes, November, Later, BedDayFactors.Default);

        report.Episodes.Ended.Should().Be(2);
        report.Episodes.Readmitted.Should().Be(1);
        report.ReadmissionRate.Should().Be(Math.Round(1.0 / 3, 4));
    }

    [Fact]
    public void An_episode_ended_and_then_readmitted_counts_once_as_readmitted_with_its_length_up_to_the_end()
    {
        var episode = Episode("p1", Pathway.EarlyDischarge, From.AddDays(1), ended: From.AddDays(5), readmitted: From.AddDays(7));

        var report = RegionReportCalculation.Calculate([episode], November, Later, BedDayFactors.Default);

        report.Episodes.Ended.Should().Be(0);
        report.Episodes.Readmitted.Should().Be(1);
        report.ReadmissionRate.Should().Be(1);
        report.MedianEpisodeDays.Should().Be(4, "monitoring stopped when the episode ended");

        // A period that closes between the end and the readmission sees it as ended.
        var early = RegionReportCalculation.Calculate([episode], new ReportPeriod(From, From.AddDays(6)), Later, BedDayFactors.Default);
        early.Episodes.Ended.Should().Be(1);
        early.Episodes.Readmitted.Should().Be(0);
    }

    [Fact]
    public void The_median_episode_length_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var episodes = new[]
        {
            Episode("p1", Pathway.EarlyDischarge, From.AddDays(1), ended: From.AddDays(3)),
            Episode("p2", Pathway.EarlyDischarge, From.AddDays(1), ended: From.AddDays(5)),
            Episode("p3", Pathway.GeneralPractice, From.AddDays(1), ended: From.AddDays(8)),
            Episode("p4", Pathway.GeneralPractice, From.AddDays(1), readmitted: From.AddDays(11)),
        };

        RegionReportCalculation.Calculate(episodes, November, Later, BedDayFactors.Default).MedianEpisodeDays.Should().Be(5.5);
    }

    [Fact]
    public void Bed_days_saved_add_the_pathway_factor_of_each_started_episode()
    {
        var episodes = new[]
        {
            Episode("p1", Pathway.EarlyDischarge, From.AddDays(1)),
            Episode("p2", Pathway.EarlyDischarge, From.AddDays(2)),
            Episode("p3", Pathway.GeneralPractice, From.AddDays(2)),
            Episode("p4", Pathway.GeneralPractice, From.AddDays(3)),
            Episode("p5", Pathway.GeneralPractice, From.AddDays(3)),
            Episode("p6", Pathway.EmergencyDepartment, From.AddDays(3)),
        };

        RegionReportCalculation.Calculate(episodes, November, Later, BedDayFactors.Default).BedDaysSaved.Should().Be(10.6, "2 × 3.5 + 3 × 0.4 × 3 + 0");
        RegionReportCalculation.Calculate(episodes, November, Later, new BedDayFactors(2, 1, 0.5)).BedDaysSaved.Should().Be(6.5);
    }

    [Fact]
    public void Alerts_per_patient_day_count_only_monitored_time_inside_the_period_and_up_to_now()
    {
        // 2 days in the period before it ended; 3 days inside before "now" stops the count.
        var ended = Episode("p1", Pathway.EarlyDischarge, From.AddDays(-5), ended: From.AddDays(2), alerts:
        [
            Raised("a1", "p1", From.AddDays(-1), "spo2-low"),
            Raised("a2", "p1", From.AddDays(1), "spo2-low", "respiratory-rate-high"),
        ]);
        var running = Episode("p2", Pathway.GeneralPractice, From.AddDays(10), alerts:
        [
            Raised("a3", "p2", From.AddDays(11), "feels-worse"),
            Raised("a4", "p2", From.AddDays(12), "spo2-low"),
        ]);

        var report = RegionReportCalculation.Calculate([ended, running], November, From.AddDays(13), BedDayFactors.Default);

        report.Alerts.Raised.Should().Be(3, "the alert before the period is not counted");
        report.Alerts.PatientDays.Should().Be(5);
        report.Alerts.PerPatientDay.Should().Be(0.6);
        report.Alerts.ByReason.Should().Equal(new Dictionary<string, int>
        {
            ["feels-worse"] = 1,
            ["respiratory-rate-high"] = 1,
            ["spo2-low"] = 2,
        });
        report.CountedPatients.Should().Equal("p1", "p2");
    }

    [Fact]
    public void Time_to_first_call_takes_the_earliest_call_of_each_alert_with_calls()
    {
        var raisedAt = From.AddDays(1);
        var alerts = new List<Alert>();
        for (var i = 1; i <= 10; i++)
        {
            // Alert i is first called after i minutes (a later call does not count); one alert is never called.
            alerts.Add(Raised($"a{i}", "p1", raisedAt, "spo2-low") with
            {
                Calls = [Call(raisedAt.AddMinutes(i + 30)), Call(raisedAt.AddMinutes(i))],
            });
        }

        alerts.Add(Raised("uncalled", "p1", raisedAt, "spo2-low"));
        var episode = Episode("p1", Pathway.EarlyDischarge, From, alerts: alerts);

        var report = RegionReportCalculation.Calculate([episode], November, Later, BedDayFactors.Default);

        report.TimeToFirstCallMinutes.Should().Be(new CallDelays(5.5, 9));
    }

    private static ReportedEpisode Episode(
        string patientId, Pathway pathway, DateTimeOffset enrolledAt, DateTimeOffset? ended = null, DateTimeOffset? readmitted = null, IReadOnlyList<Alert>? alerts = null)
    {
        var transitions = new List<EpisodeTransition>();
        if (ended is { } endedAt)
        {
            transitions.Add(new EpisodeTransition(EpisodeState.Monitoring, EpisodeState.Ended, "arts", "klaar", endedAt));
        }

        if (readmitted is { } readmittedAt)
        {
            transitions.Add(new EpisodeTransition(ended is null ? EpisodeState.Monitoring : EpisodeState.Ended, EpisodeState.Readmitted, "arts", "opname", readmittedAt));
        }

        return new ReportedEpisode(patientId, pathway, enrolledAt, transitions, alerts ?? []);
    }

    private static Alert Raised(string alertId, string patientId, DateTimeOffset at, params string[] reasons) => new(
        alertId, patientId, Level.Red, reasons, [], at, at, at, null, "covid-oxygen@1", 1, AlertStatus.Open);

    private static CallRecord Call(DateTimeOffset at) => new(Guid.NewGuid().ToString("N"), "verpleegkundige", at, CallOutcome.Remeasure, null, []);
}
