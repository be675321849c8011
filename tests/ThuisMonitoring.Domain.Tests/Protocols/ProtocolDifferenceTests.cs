using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols;

/// <summary>A patient's thresholds shown as a difference from the organisation's protocol.</summary>
public sealed class ProtocolDifferenceTests
{
    [Fact]
    public void Only_the_fields_the_patient_layer_changes_are_listed_with_both_values()
    {
        var patient = ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json,
            """{"layer":"patient","version":"1","escalation":{"maxHomeOxygenFlow":4.0},"weaning":{"spo2AtLeast":93}}""");

        var differences = ProtocolDifference.Between(CovidOxygenProtocol.Default, patient);

        differences.Should().BeEquivalentTo(new[]
        {
            new ProtocolFieldDifference("escalation.maxHomeOxygenFlow", "3", "4"),
            new ProtocolFieldDifference("weaning.spo2AtLeast", "94", "93"),
        });
    }

    [Fact]
    public void The_same_protocol_has_no_differences() =>
        ProtocolDifference.Between(CovidOxygenProtocol.Default, CovidOxygenProtocol.Default).Should().BeEmpty();
}
