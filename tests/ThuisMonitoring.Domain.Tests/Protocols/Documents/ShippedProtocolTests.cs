using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols.Documents;

/// <summary>The shipped covid-oxygen document carries every number of PROTOCOL.md, and survives a write and read.</summary>
public sealed class ShippedProtocolTests
{
    private static readonly ProtocolDocument Shipped = CovidOxygenProtocol.Default;

    [Fact]
    public void The_default_protocol_is_covid_oxygen_version_1_read_from_the_embedded_document()
    {
        Shipped.Id.Should().Be("covid-oxygen@1");
        Shipped.Layers.Should().BeNull();
        ProtocolDocumentReader.Read(CovidOxygenProtocol.Json).Should().Be(Shipped);
        ProtocolDocumentReader.Validate(CovidOxygenProtocol.Json).Should().BeEmpty();
    }

    [Fact]
    public void The_news2_tables_are_section_3_of_the_protocol()
    {
        Shipped.RespiratoryRate.Should().Be(new VitalScoring([new(8, 3), new(11, 1), new(20, 0), new(24, 2), new(null, 3)]));
        Shipped.Spo2.Should().Be(new VitalScoring([new(91, 3), new(93, 2), new(95, 1), new(null, 0)]));
        Shipped.HeartRate.Should().Be(new VitalScoring([new(40, 3), new(50, 1), new(90, 0), new(110, 1), new(130, 2), new(null, 3)]));
        Shipped.Temperature.Should().Be(new VitalScoring([new(35.0, 3), new(36.0, 1), new(38.0, 0), new(39.0, 1), new(null, 2)]));
        Shipped.SupplementalOxygenScore.Should().Be(2);
    }

    [Fact]
    public void The_escalation_numbers_are_section_2_of_the_protocol()
    {
        (Shipped.SingleParameterOrangeScore, Shipped.SingleParameterRedScore).Should().Be((2, 3));
        (Shipped.AggregateOrange, Shipped.AggregateRed).Should().Be((5, 7));
        Shipped.MaxHomeOxygenFlow.Should().Be(3.0);
        Shipped.Spo2Drop.Should().Be(new BaselineDropRule(4, TimeSpan.FromHours(24), 3));
        Shipped.ExertionalDesaturation.Should().Be(new ExertionRule(4));
        Shipped.ResponseTimes.Should().Be(new ResponseTimes(TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void The_continuous_numbers_are_section_4_of_the_protocol()
    {
        Shipped.Continuous.Should().Be(new ContinuousRules(
            new ArtefactRules(0.4, 10, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)),
            Spo2RedWindow: TimeSpan.FromSeconds(60),
            Spo2OrangeWindow: TimeSpan.FromMinutes(5),
            HeartRateWindow: TimeSpan.FromMinutes(2),
            RespiratoryRateWindow: TimeSpan.FromMinutes(2),
            StepDownAfter: TimeSpan.FromMinutes(15),
            DeviceSilentAfter: TimeSpan.FromMinutes(10),
            BatteryLowBelowPercent: 15));
    }

    [Fact]
    public void The_schedule_weaning_episode_and_eligibility_numbers_are_sections_1_5_6_and_7()
    {
        Shipped.Schedule.Should().Be(new ScheduleRules(
            "Europe/Amsterdam", [new(8, 0), new(14, 0), new(20, 0)], TimeSpan.FromMinutes(60), 2,
            TimeSpan.FromHours(24), TimeSpan.FromHours(4), new(8, 0), new(22, 0)));
        Shipped.Weaning.Should().Be(new WeaningRules(
            Spo2AtLeast: 94, RespiratoryRateAtMost: 20, HoldAtLeast: TimeSpan.FromHours(12), LookBack: TimeSpan.FromHours(24),
            Step: 0.5, RemeasureAfter: TimeSpan.FromMinutes(20), LowestFlow: 0.5, EndSpo2AtLeast: 94,
            OffOxygenAtLeast: TimeSpan.FromHours(24), EndLookBack: TimeSpan.FromHours(48), ReviewWhenSpo2BelowAtMaxFlow: 92));
        Shipped.EpisodeReview.Should().Be(new EpisodeReviewRules(10, 14));
        Shipped.Eligibility.Should().Be(new EligibilityRules(
            new EarlyDischargeCriteria(TimeSpan.FromHours(24), 94, 3.0, 24, 1),
            new EmergencyDepartmentCriteria(20, 92, 3.0, 9)));
    }

    [Fact]
    public void A_written_protocol_reads_back_as_the_same_document()
    {
        var layered = ProtocolDocumentReader.ReadLayered(
            CovidOxygenProtocol.Json, """{"layer":"org:rijnstad","version":"3","escalation":{"maxHomeOxygenFlow":4}}""");

        ProtocolDocumentReader.Read(ProtocolDocumentWriter.Write(Shipped)).Should().Be(Shipped);
        ProtocolDocumentReader.Read(ProtocolDocumentWriter.Write(layered)).Should().Be(layered);
    }

    [Fact]
    public void Evaluations_record_the_id_of_the_protocol_that_was_applied()
    {
        var layered = ProtocolDocumentReader.ReadLayered(
            CovidOxygenProtocol.Json, """{"layer":"patient","version":"2","escalation":{"maxHomeOxygenFlow":4}}""");

        var evaluation = ProtocolEvaluator.Evaluate(SpotCheck.Of(spo2: 93), layered, new OxygenPrescription(3));

        evaluation.ProtocolId.Should().Be("covid-oxygen@1+patient@2");
        evaluation.Level.Should().Be(Level.Orange, "3 L/min is below this patient's maximum of 4");
    }
}
