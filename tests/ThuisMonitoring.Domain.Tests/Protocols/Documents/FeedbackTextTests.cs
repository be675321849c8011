using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols.Documents;

/// <summary>What the patient is told after a measurement is protocol data: the shipped wording, changed by a layer.</summary>
public sealed class FeedbackTextTests
{
    [Fact]
    public void The_shipped_protocol_tells_a_red_patient_the_centre_calls_now_and_when_to_call_112()
    {
        var red = CovidOxygenProtocol.Default.Feedback.For(Level.Red);

        red.Level.Should().Be(Level.Red);
        red.Text.Should().Contain("belt u direct").And.Contain("112");
        CovidOxygenProtocol.Default.Feedback.Should().Be(FeedbackTexts.Default, "a document without the section says the same");
    }

    [Fact]
    public void An_organisation_layer_rewords_one_level_and_keeps_the_others()
    {
        const string layer = """{"layer":"org:rijnstad","version":"4","feedback":{"orange":"Let op: de centrale van Rijnstad belt u binnen het uur."}}""";

        var effective = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, layer);

        effective.Feedback.For(Level.Orange).Text.Should().Be("Let op: de centrale van Rijnstad belt u binnen het uur.");
        effective.Feedback.For(Level.Green).Should().Be(PatientFeedback.For(Level.Green));
        effective.Feedback.AfterEnd.Should().Be(PatientFeedback.EpisodeEnded);
        ProtocolDocumentReader.Read(ProtocolDocumentWriter.Write(effective)).Feedback.Should().Be(effective.Feedback);
    }

    [Fact]
    public void An_empty_or_overlong_text_is_refused_with_its_field()
    {
        var empty = ProtocolDocumentReader.ValidateLayered(CovidOxygenProtocol.Json, ["""{"layer":"patient","version":"1","feedback":{"red":""}}"""]);
        var overlong = ProtocolDocumentReader.ValidateLayered(CovidOxygenProtocol.Json, ["{\"layer\":\"patient\",\"version\":\"1\",\"feedback\":{\"green\":\"" + new string('a', 501) + "\"}}"]);

        empty.Should().ContainSingle(e => e.Field.EndsWith("feedback.red", StringComparison.Ordinal));
        overlong.Should().ContainSingle(e => e.Field.EndsWith("feedback.green", StringComparison.Ordinal));
    }
}
