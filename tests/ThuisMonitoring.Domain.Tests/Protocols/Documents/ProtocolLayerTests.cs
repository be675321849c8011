using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols.Documents;

/// <summary>Default, then organisation, then patient: partial documents merged field by field into the effective protocol.</summary>
public sealed class ProtocolLayerTests
{
    private const string Rijnstad = """{"layer":"org:rijnstad","version":"3","escalation":{"maxHomeOxygenFlow":4},"schedule":{"spotChecks":["09:00","21:00"]}}""";
    private const string Patient = """{"layer":"patient","version":"2","weaning":{"spo2AtLeast":95},"escalation":{"maxHomeOxygenFlow":5}}""";

    [Fact]
    public void Layers_override_only_the_fields_they_name_and_the_id_names_every_layer()
    {
        var effective = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, Rijnstad, Patient);

        effective.Id.Should().Be("covid-oxygen@1+org:rijnstad@3+patient@2");
        var expected = CovidOxygenProtocol.Default with
        {
            Layers = "org:rijnstad@3+patient@2",
            MaxHomeOxygenFlow = 5,
            Schedule = CovidOxygenProtocol.Default.Schedule with { SpotChecks = [new(9, 0), new(21, 0)] },
            Weaning = CovidOxygenProtocol.Default.Weaning with { Spo2AtLeast = 95 },
        };
        effective.Should().Be(expected);
    }

    [Fact]
    public void A_later_layer_wins_over_an_earlier_one_and_arrays_are_replaced_whole()
    {
        var organisationOnly = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, Rijnstad);

        organisationOnly.MaxHomeOxygenFlow.Should().Be(4);
        organisationOnly.Schedule.SpotChecks.Should().Equal(new TimeOnly(9, 0), new TimeOnly(21, 0));
        ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, Rijnstad, Patient).MaxHomeOxygenFlow.Should().Be(5);
    }

    [Fact]
    public void Without_layers_the_effective_protocol_is_the_basis()
    {
        ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json).Should().Be(CovidOxygenProtocol.Default);
    }

    [Theory]
    [InlineData("""{"layer":"org:rijnstad","version":"3","escalation":{"aggregate":{"red":4}}}""",
        "org:rijnstad@3: escalation.aggregate.red must be above orange")]
    [InlineData("""{"layer":"org:rijnstad","version":"3","escalation":{"maxHomeFlow":4}}""",
        "org:rijnstad@3: escalation.maxHomeFlow is not a field of the protocol document")]
    [InlineData("""{"layer":"org:rijnstad","version":"3","news2":{"spo2":{"bands":[{"upTo":93,"score":3},{"upTo":92,"score":2},{"score":0}]}}}""",
        "org:rijnstad@3: news2.spo2.bands[1].upTo must be above the previous band (93)")]
    [InlineData("""{"layer":"patient","version":"2","continuous":{"deviceSilentMinutes":null}}""",
        "patient@2: continuous.deviceSilentMinutes cannot be removed by a layer (null); leave it out to keep the value below")]
    [InlineData("""{"layer":"patient","version":"2","name":"other"}""", "layer: name cannot be set by a layer")]
    [InlineData("""{"version":"2","weaning":{"spo2AtLeast":95}}""",
        "layer: layer must name the layer as org:<id>, patient or patient:<id> (lower case, digits, '-')")]
    [InlineData("""{"layer":"ward","version":"2"}""",
        "layer: layer must name the layer as org:<id>, patient or patient:<id> (lower case, digits, '-')")]
    [InlineData("""{"layer":"patient"}""", "layer: version must be the layer's version: letters, digits, '.' or '-'")]
    [InlineData("""{"layer":"patient","version":"2",""", "layer: $ is not valid JSON (line 1): ")]
    public void A_bad_layer_is_refused_naming_the_layer_and_the_field(string layer, string expectedError)
    {
        var errors = ProtocolDocumentReader.ValidateLayered(CovidOxygenProtocol.Json, [Rijnstad, layer]);
        var read = () => ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, Rijnstad, layer);

        errors.Select(e => e.ToString()).Should().Contain(e => e.StartsWith(expectedError, StringComparison.Ordinal));
        read.Should().Throw<ProtocolDocumentException>();
    }

    [Fact]
    public void A_bad_basis_is_refused_before_any_layer_is_applied()
    {
        var errors = ProtocolDocumentReader.ValidateLayered(DocumentEdits.With("escalation.aggregate.red", "5"), [Patient]);

        errors.Should().ContainSingle().Which.Should().Be(
            new ProtocolError("escalation.aggregate.red", "must be above orange"));
    }
}
