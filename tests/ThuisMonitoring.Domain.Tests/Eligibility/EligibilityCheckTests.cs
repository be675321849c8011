using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Eligibility;

/// <summary>PROTOCOL.md section 1: early-discharge and emergency-department eligibility from the ward's values, with reasons.</summary>
public sealed class EligibilityCheckTests
{
    private static readonly DateTimeOffset AsOf = SpotCheck.MorningRound;

    [Fact]
    public void A_patient_stable_for_24_hours_on_2_litres_with_spo2_95_is_eligible_for_early_discharge()
    {
        var result = EarlyDischarge(Ward(hours: 24, spo2: 95, respiratoryRate: 18, flow: 2.0));

        result.Eligible.Should().BeTrue();
        result.Warnings.Should().BeEmpty();
        result.ProtocolId.Should().Be("covid-oxygen@1");
    }

    [Theory]
    // the last ward value is the one at the boundary; RR 24 and SpO2 93 are themselves one orange evaluation (allowed),
    // RR 25 is also a red evaluation
    [InlineData(24, 94, 24, 3.0, "")]
    [InlineData(23, 95, 18, 2.0, "stable-period-covered")]
    [InlineData(24, 93, 18, 2.0, "spo2-on-limited-oxygen")]
    [InlineData(24, 95, 18, 3.5, "spo2-on-limited-oxygen")]
    [InlineData(24, 95, 25, 2.0, "no-red,respiratory-rate")]
    public void Each_early_discharge_criterion_at_its_boundary(int hours, int lastSpo2, int lastRespiratoryRate, double flow, string failing)
    {
        var values = Ward(hours, 95, 18, flow).ToList();
        values[^1] = values[^1] with { Spo2 = lastSpo2, RespiratoryRate = lastRespiratoryRate };

        var result = EarlyDischarge(values);

        result.Warnings.Select(c => c.Code).Should().Equal(failing.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(1, 0, true)]
    [InlineData(2, 0, false)]
    [InlineData(0, 1, false)]
    public void Stable_means_no_red_and_at_most_one_orange_evaluation(int oranges, int reds, bool eligible)
    {
        var values = Ward(24, 95, 18, 2.0).ToList();
        for (var i = 0; i < oranges; i++)
        {
            values[1 + i] = values[1 + i] with { HeartRate = 120 };
        }

        for (var i = 0; i < reds; i++)
        {
            values[3 + i] = values[3 + i] with { HeartRate = 135 };
        }

        EarlyDischarge(values).Eligible.Should().Be(eligible);
    }

    [Fact]
    public void Rising_oxygen_need_is_not_stable()
    {
        var values = Ward(24, 95, 18, 1.0).ToList();
        values[^1] = values[^1] with { OxygenFlow = 2.0 };

        EarlyDischarge(values).Warnings.Select(c => c.Code).Should().Contain("oxygen-need-not-rising");
    }

    [Fact]
    public void What_values_cannot_show_is_not_assessed_unless_stated_and_not_eligible_only_warns()
    {
        var result = EligibilityCheck.Check(
            new EligibilityRequest(Pathway.EarlyDischarge, Ward(24, 95, 18, 2.0), 2.0, AsOf, ConcentratorAtHome: false),
            CovidOxygenProtocol.Default);

        result.Eligible.Should().BeFalse();
        result.Criteria.Single(c => c.Code == "concentrator-at-home").Met.Should().BeFalse();
        result.Criteria.Single(c => c.Code == "clinically-improving").Met.Should().BeNull();
        result.Criteria.Single(c => c.Code == "can-measure-and-report").Detail.Should().Contain("not stated");
    }

    [Theory]
    [InlineData(19, 93, 3.0, 10, null)]
    [InlineData(20, 93, 3.0, 10, "respiratory-rate")]
    [InlineData(19, 92, 3.0, 10, "spo2-on-limited-oxygen")]
    [InlineData(19, 93, 3.5, 10, "spo2-on-limited-oxygen")]
    [InlineData(19, 93, 3.0, 9, "past-illness-day")]
    public void Each_emergency_department_criterion_at_its_boundary(int respiratoryRate, int spo2, double flow, int illnessDay, string? failing)
    {
        var request = new EligibilityRequest(
            Pathway.EmergencyDepartment, [new Measurement(AsOf, Spo2: spo2, RespiratoryRate: respiratoryRate, OxygenFlow: flow)],
            flow, AsOf, HaemodynamicallyStable: true, IllnessDay: illnessDay, InvasiveVentilationPolicy: false);

        var result = EligibilityCheck.Check(request, CovidOxygenProtocol.Default);

        result.Warnings.Select(c => c.Code).Should().Equal(failing is null ? [] : [failing]);
    }

    [Fact]
    public void The_general_practice_pathway_has_no_criteria_on_values()
    {
        var result = EligibilityCheck.Check(new EligibilityRequest(Pathway.GeneralPractice, [], 0, AsOf), CovidOxygenProtocol.Default);

        result.Eligible.Should().BeTrue();
    }

    [Fact]
    public void The_result_is_stored_with_the_episode()
    {
        var episode = Episode.Start(new Enrolment("patient-1", Pathway.EarlyDischarge, "dr.jansen", null, 2.0, null, AsOf));
        var result = EarlyDischarge(Ward(24, 95, 18, 2.0));

        episode.RecordEligibility(result);

        new Episode(episode.ToSnapshot()).Eligibility.Should().BeEquivalentTo(result);
    }

    private static EligibilityResult EarlyDischarge(IReadOnlyList<Measurement> values) => EligibilityCheck.Check(
        new EligibilityRequest(Pathway.EarlyDischarge, values, 2.0, AsOf, ClinicallyImproving: true, CanMeasureAndReport: true, ConcentratorAtHome: true),
        CovidOxygenProtocol.Default);

    /// <summary>Ward values every 4 h over the last <paramref name="hours"/>, the last at the check.</summary>
    private static IReadOnlyList<Measurement> Ward(int hours, int spo2, int respiratoryRate, double flow) =>
        Enumerable.Range(0, 7).Select(i => new Measurement(
            AsOf.AddHours(-hours * (6 - i) / 6.0), Spo2: spo2, HeartRate: 80, RespiratoryRate: respiratoryRate, OxygenFlow: flow, Temperature: 37.0))
        .ToList();
}
