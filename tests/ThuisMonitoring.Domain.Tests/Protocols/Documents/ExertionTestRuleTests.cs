using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols.Documents;

/// <summary>
/// Issue 10 item 3: the protocol decides when the patient app asks for the 1-minute sit-to-stand test (section
/// <c>exertionTest</c>): by default after a green measurement at rest, on every pathway, not again until the next one at rest.
/// </summary>
public sealed class ExertionTestRuleTests
{
    private static readonly DateTimeOffset Morning = SpotCheck.MorningRound;

    [Fact]
    public void The_shipped_protocol_asks_after_a_green_measurement_at_rest_and_not_again_after_the_test()
    {
        var protocol = CovidOxygenProtocol.Default;
        var episode = Start(Pathway.EarlyDischarge);

        episode.AsksExertionTest(protocol).Should().BeFalse("nothing has been measured at rest yet");
        Measure(episode, protocol, SpotCheck.Of(spo2: 96, heartRate: 72, respiratoryRate: 14), Morning);
        episode.AsksExertionTest(protocol).Should().BeTrue("the values at rest are good");
        Measure(episode, protocol, SpotCheck.Of(spo2: 94, heartRate: 98) with { Exertion = true }, Morning.AddMinutes(3));
        episode.AsksExertionTest(protocol).Should().BeFalse("the test was done; the next one follows a measurement at rest");
        protocol.ExertionTest.Should().Be(ExertionTestRules.Default, "a document without the section asks the same");
    }

    [Fact]
    public void Not_after_an_orange_or_red_measurement_at_rest_nor_once_the_episode_ended()
    {
        var protocol = CovidOxygenProtocol.Default;
        var orange = Start(Pathway.GeneralPractice);
        Measure(orange, protocol, SpotCheck.Of(spo2: 93, heartRate: 72, respiratoryRate: 14), Morning);
        var ended = Start(Pathway.GeneralPractice);
        Measure(ended, protocol, SpotCheck.Of(spo2: 97, heartRate: 72, respiratoryRate: 14), Morning);
        ended.Transition(EpisodeState.Ended, "dr.jansen", "hersteld", Morning.AddHours(1));

        orange.AsksExertionTest(protocol).Should().BeFalse("an exertion test only follows normal values at rest");
        ended.AsksExertionTest(protocol).Should().BeFalse();
    }

    [Fact]
    public void An_organisation_layer_asks_it_only_on_its_pathways_or_at_any_time()
    {
        var earlyDischargeOnly = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json,
            """{"layer":"org:rijnstad","version":"2","exertionTest":{"pathways":["early-discharge"]}}""");
        var always = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json,
            """{"layer":"org:de-linde","version":"1","exertionTest":{"afterGreenAtRest":false}}""");
        var discharged = Start(Pathway.EarlyDischarge);
        var fromThePractice = Start(Pathway.GeneralPractice);
        foreach (var episode in new[] { discharged, fromThePractice })
        {
            Measure(episode, earlyDischargeOnly, SpotCheck.Of(spo2: 97, heartRate: 70, respiratoryRate: 14), Morning);
        }

        discharged.AsksExertionTest(earlyDischargeOnly).Should().BeTrue();
        fromThePractice.AsksExertionTest(earlyDischargeOnly).Should().BeFalse("the layer asks it only after early discharge");
        Start(Pathway.EmergencyDepartment).AsksExertionTest(always).Should().BeTrue("without afterGreenAtRest it is always asked");
        ProtocolDocumentReader.Read(ProtocolDocumentWriter.Write(earlyDischargeOnly)).ExertionTest.Should().Be(earlyDischargeOnly.ExertionTest);
    }

    [Fact]
    public void An_unknown_pathway_or_a_flag_that_is_not_a_boolean_is_refused_with_its_field()
    {
        var errors = ProtocolDocumentReader.ValidateLayered(CovidOxygenProtocol.Json,
            ["""{"layer":"patient","version":"1","exertionTest":{"pathways":["thuis"],"afterGreenAtRest":"ja"}}"""]);

        errors.Should().Contain(e => e.Field.EndsWith("exertionTest.pathways", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Field.EndsWith("exertionTest.afterGreenAtRest", StringComparison.Ordinal));
    }

    private static Episode Start(Pathway pathway) =>
        Episode.Start(new Enrolment("patient-" + pathway, pathway, "dr.jansen", null, 2.0, null, Morning.AddHours(-1)));

    private static void Measure(Episode episode, ProtocolDocument protocol, Measurements.Measurement measurement, DateTimeOffset at) =>
        episode.Record(measurement with { MeasuredAt = at }, protocol, at, () => "alert-" + at.Ticks);
}
