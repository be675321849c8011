using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols.Documents;

/// <summary>
/// The effective protocol of a patient: shipped, organisation layer, patient layer; a layer that no longer fits is
/// skipped and said so, and the patient always has a valid protocol (moved from the patient grain).
/// </summary>
public sealed class PatientProtocolTests
{
    private const string Rijnstad = """{"layer":"org:rijnstad","version":"3","escalation":{"maxHomeOxygenFlow":4}}""";
    private const string Patient = """{"layer":"patient","version":"2","weaning":{"lowestFlow":3.5}}""";

    // Fits on the shipped protocol (lowest flow 2 is below its maximum of 3 L/min), not on an organisation maximum of 1.
    private const string StrictOrganisation = """{"layer":"org:rijnstad","version":"4","escalation":{"maxHomeOxygenFlow":1}}""";
    private const string LowestFlowTwo = """{"layer":"patient","version":"1","weaning":{"lowestFlow":2}}""";

    // Fits on nothing: the red aggregate is not above the orange one.
    private const string Broken = """{"layer":"org:rijnstad","version":"5","escalation":{"aggregate":{"red":4}}}""";

    [Fact]
    public void Without_layers_it_is_the_shipped_protocol()
    {
        var resolved = PatientProtocol.Resolve(null, null);

        resolved.Document.Should().BeSameAs(CovidOxygenProtocol.Default);
        resolved.Skipped.Should().BeEmpty();
    }

    [Fact]
    public void Layers_that_fit_are_applied_organisation_then_patient()
    {
        var resolved = PatientProtocol.Resolve(Rijnstad, Patient);

        resolved.Document.Id.Should().Be("covid-oxygen@1+org:rijnstad@3+patient@2");
        resolved.Document.MaxHomeOxygenFlow.Should().Be(4);
        resolved.Document.Weaning.LowestFlow.Should().Be(3.5);
        resolved.Skipped.Should().BeEmpty();
    }

    [Fact]
    public void A_patient_layer_that_no_longer_fits_under_a_changed_organisation_layer_is_skipped_and_the_organisation_layer_applies()
    {
        PatientProtocol.Validate(null, LowestFlowTwo).Should().BeEmpty("it fitted when it was set");

        var resolved = PatientProtocol.Resolve(StrictOrganisation, LowestFlowTwo);

        resolved.Document.Id.Should().Be("covid-oxygen@1+org:rijnstad@4");
        resolved.Document.MaxHomeOxygenFlow.Should().Be(1);
        resolved.Skipped.Should().ContainSingle().Which.Owner.Should().Be(PatientProtocol.Patient);
        resolved.Skipped[0].Errors.Should().Contain(e => e.Field == "weaning.lowestFlow" && e.Layer == "patient@1");
    }

    [Fact]
    public void An_organisation_layer_that_does_not_fit_is_skipped_and_the_shipped_protocol_applies()
    {
        var resolved = PatientProtocol.Resolve(Broken, null);

        resolved.Document.Should().BeSameAs(CovidOxygenProtocol.Default);
        resolved.Skipped.Should().ContainSingle().Which.Owner.Should().Be(PatientProtocol.Organisation);
    }

    [Fact]
    public void When_the_organisation_layer_itself_is_broken_both_layers_are_skipped_patient_first()
    {
        var resolved = PatientProtocol.Resolve(Broken, Patient);

        resolved.Document.Should().BeSameAs(CovidOxygenProtocol.Default);
        resolved.Skipped.Select(s => s.Owner).Should().Equal(PatientProtocol.Patient, PatientProtocol.Organisation);
    }

    [Fact]
    public void Validate_names_every_error_of_a_new_patient_layer_on_top_of_the_organisation_layer()
    {
        var errors = PatientProtocol.Validate(StrictOrganisation, LowestFlowTwo);

        errors.Should().ContainSingle().Which.ToString().Should().Be("patient@1: weaning.lowestFlow must not be above escalation.maxHomeOxygenFlow");
    }
}
