using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Tests.Protocols.Documents;

namespace ThuisMonitoring.Domain.Tests.Calls;

/// <summary>The call scripts and re-escalation times are protocol data: read, validated, layered and chosen per reason.</summary>
public sealed class CallScriptDocumentTests
{
    private static readonly CallRules Rules = CovidOxygenProtocol.Default.Calls;

    [Fact]
    public void The_shipped_protocol_raises_unclaimed_urgent_alerts_after_5_and_warnings_after_30_minutes()
    {
        Rules.RedUnclaimed.Should().Be(TimeSpan.FromMinutes(5));
        Rules.OrangeUnclaimed.Should().Be(TimeSpan.FromMinutes(30));
    }

    [Theory]
    [InlineData(new[] { "spo2-critical" }, new[] { "lage-saturatie" })]
    [InlineData(new[] { "respiratory-rate-high", "spo2-low" }, new[] { "ademhaling", "lage-saturatie" })]
    [InlineData(new[] { "spo2-low", "spo2-drop" }, new[] { "lage-saturatie" })]
    [InlineData(new[] { "battery-low" }, new[] { "apparatuur" })]
    [InlineData(new[] { "episode-review" }, new[] { "algemeen" })]
    public void Each_reason_gets_its_script_and_a_reason_without_one_the_fallback(string[] reasons, string[] scripts) =>
        Rules.ScriptsFor(reasons).Select(s => s.Id).Should().Equal(scripts);

    [Fact]
    public void Every_reason_code_of_the_protocol_has_a_script_or_the_fallback()
    {
        foreach (var reason in ReasonCodes.All)
        {
            Rules.ScriptsFor([reason]).Should().NotBeEmpty(reason);
        }
    }

    [Theory]
    [InlineData("calls.reEscalateUnclaimedMinutes.red", "0", "calls.reEscalateUnclaimedMinutes.red must be between 1 and 1440")]
    [InlineData("calls.remeasureCallBackMinutes", null, "calls.remeasureCallBackMinutes is required")]
    [InlineData("calls.scripts.algemeen.reasons", """["spo2-low"]""", "calls.scripts.algemeen.reasons 'spo2-low' is already covered by script 'lage-saturatie'")]
    [InlineData("calls.scripts.hartslag.reasons", """["heart-rate-hihg"]""", "calls.scripts.hartslag.reasons 'heart-rate-hihg' is not a reason code")]
    [InlineData("calls.scripts.hartslag.reasons", "[]", "calls.scripts.algemeen.reasons only one script may have no reasons (the fallback); 'hartslag' already has none")]
    [InlineData("calls.scripts.hartslag.steps[0].kind", "\"vraag\"", "calls.scripts.hartslag.steps[0].kind must be \"question\" or \"check\"")]
    [InlineData("calls.scripts.hartslag.steps[1].id", "\"identiteit\"", "calls.scripts.hartslag.steps[1].id 'identiteit' is used twice in this script")]
    [InlineData("calls.scripts.hartslag.steps[2].id", "\"hermeting\"", "calls.scripts.hartslag.steps[2].id 'hermeting' means another step in script 'lage-saturatie': a step id must have the same kind and text in every script")]
    [InlineData("calls.scripts.hartslag.steps", "[]", "calls.scripts.hartslag.steps must have at least one step")]
    [InlineData("calls.scripts.hartslag.title", "\"\"", "calls.scripts.hartslag.title must be a non-empty string")]
    [InlineData("calls.scripts.algemeen", null, "calls.scripts needs one fallback script with \"reasons\": [] for reasons no other script covers")]
    public void A_bad_calls_section_is_refused_naming_the_field(string path, string? value, string expectedError)
    {
        var errors = ProtocolDocumentReader.Validate(DocumentEdits.With(path, value));

        errors.Select(e => e.ToString()).Should().Contain(expectedError);
    }

    [Fact]
    public void A_layer_changes_one_script_and_keeps_the_others()
    {
        const string layer = """
            {"layer":"org:rijnstad","version":"1","calls":{"reEscalateUnclaimedMinutes":{"orange":20},
              "scripts":{"hartslag":{"steps":[{"id":"pols","kind":"question","text":"Voel de pols: regelmatig?"}]}}}}
            """;

        var protocol = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, layer);

        protocol.Calls.OrangeUnclaimed.Should().Be(TimeSpan.FromMinutes(20));
        protocol.Calls.RedUnclaimed.Should().Be(TimeSpan.FromMinutes(5));
        protocol.Calls.ScriptsFor(["heart-rate-high"]).Single().Steps.Select(s => s.Id).Should().Equal("pols");
        protocol.Calls.ScriptsFor(["spo2-low"]).Single().Steps.Should().HaveCount(CovidOxygenProtocol.Default.Calls.ScriptsFor(["spo2-low"]).Single().Steps.Count);
    }

    [Fact]
    public void The_calls_section_survives_writing_and_reading_back()
    {
        var written = ProtocolDocumentWriter.Write(CovidOxygenProtocol.Default);

        var read = ProtocolDocumentReader.Read(written).Calls;

        read.Should().BeEquivalentTo(Rules);
    }
}
