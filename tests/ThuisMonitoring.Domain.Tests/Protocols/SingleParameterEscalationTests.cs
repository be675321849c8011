using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols;

/// <summary>
/// PROTOCOL.md section 2: a single vital sign scoring 3 is red, scoring 2 is orange, with its reason code.
/// Measured on room air with one parameter present, so no aggregate rule can fire alongside.
/// </summary>
public sealed class SingleParameterEscalationTests
{
    [Theory]
    [InlineData(4, Level.Red, "respiratory-rate-low")]
    [InlineData(8, Level.Red, "respiratory-rate-low")]
    [InlineData(9, Level.Green, null)]
    [InlineData(11, Level.Green, null)]
    [InlineData(12, Level.Green, null)]
    [InlineData(20, Level.Green, null)]
    [InlineData(21, Level.Orange, "respiratory-rate-high")]
    [InlineData(24, Level.Orange, "respiratory-rate-high")]
    [InlineData(25, Level.Red, "respiratory-rate-high")]
    [InlineData(60, Level.Red, "respiratory-rate-high")]
    public void Respiratory_rate_escalates_per_the_protocol(int respiratoryRate, Level expectedLevel, string? expectedReason)
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(respiratoryRate: respiratoryRate), SpotCheck.RoomAir);

        ShouldHaveOnly(evaluation, "respiratoryRate", respiratoryRate, expectedLevel, expectedReason);
    }

    [Theory]
    [InlineData(50, Level.Red, "spo2-critical")]
    [InlineData(91, Level.Red, "spo2-critical")]
    [InlineData(92, Level.Orange, "spo2-low")]
    [InlineData(93, Level.Orange, "spo2-low")]
    [InlineData(94, Level.Green, null)]
    [InlineData(95, Level.Green, null)]
    [InlineData(96, Level.Green, null)]
    [InlineData(100, Level.Green, null)]
    public void Spo2_on_room_air_escalates_per_the_protocol(int spo2, Level expectedLevel, string? expectedReason)
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(spo2: spo2), SpotCheck.RoomAir);

        ShouldHaveOnly(evaluation, "spo2", spo2, expectedLevel, expectedReason);
    }

    [Theory]
    [InlineData(20, Level.Red, "heart-rate-low")]
    [InlineData(40, Level.Red, "heart-rate-low")]
    [InlineData(41, Level.Green, null)]
    [InlineData(50, Level.Green, null)]
    [InlineData(51, Level.Green, null)]
    [InlineData(90, Level.Green, null)]
    [InlineData(91, Level.Green, null)]
    [InlineData(110, Level.Green, null)]
    [InlineData(111, Level.Orange, "heart-rate-high")]
    [InlineData(130, Level.Orange, "heart-rate-high")]
    [InlineData(131, Level.Red, "heart-rate-high")]
    [InlineData(250, Level.Red, "heart-rate-high")]
    public void Heart_rate_escalates_per_the_protocol(int heartRate, Level expectedLevel, string? expectedReason)
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(heartRate: heartRate), SpotCheck.RoomAir);

        ShouldHaveOnly(evaluation, "heartRate", heartRate, expectedLevel, expectedReason);
    }

    [Theory]
    [InlineData(30.0, Level.Red, "temperature-low")]
    [InlineData(35.0, Level.Red, "temperature-low")]
    [InlineData(35.1, Level.Green, null)]
    [InlineData(36.0, Level.Green, null)]
    [InlineData(36.1, Level.Green, null)]
    [InlineData(38.0, Level.Green, null)]
    [InlineData(38.1, Level.Green, null)]
    [InlineData(39.0, Level.Green, null)]
    [InlineData(39.1, Level.Orange, "temperature-high")]
    [InlineData(45.0, Level.Orange, "temperature-high")]
    public void Temperature_escalates_per_the_protocol(double temperature, Level expectedLevel, string? expectedReason)
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(temperature: temperature), SpotCheck.RoomAir);

        ShouldHaveOnly(evaluation, "temperature", temperature, expectedLevel, expectedReason);
    }

    [Theory]
    [InlineData(3.0, null, 92, Level.Red, "spo2-critical")]
    [InlineData(3.0, null, 93, Level.Red, "spo2-critical")]
    [InlineData(3.0, null, 91, Level.Red, "spo2-critical")]
    [InlineData(3.0, null, 94, Level.Green, null)]
    [InlineData(2.0, 3.0, 93, Level.Red, "spo2-critical")]
    [InlineData(2.0, null, 93, Level.Orange, "spo2-low")]
    [InlineData(2.5, null, 92, Level.Orange, "spo2-low")]
    public void Spo2_of_92_to_93_on_the_maximum_home_flow_is_red_spo2_critical(
        double prescribedFlow, double? reportedFlow, int spo2, Level expectedLevel, string? expectedReason)
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(spo2: spo2, oxygenFlow: reportedFlow), prescribedFlow);

        var finding = evaluation.FindingFor("spo2");
        if (expectedReason is null)
        {
            finding.Should().BeNull();
        }
        else
        {
            finding.Should().BeEquivalentTo(new Finding(expectedReason, expectedLevel, "spo2", spo2));
        }
    }

    private static void ShouldHaveOnly(
        Evaluation evaluation, string parameter, double value, Level expectedLevel, string? expectedReason)
    {
        evaluation.Level.Should().Be(expectedLevel);
        if (expectedReason is null)
        {
            evaluation.Findings.Should().BeEmpty();
        }
        else
        {
            evaluation.Findings.Should().ContainSingle()
                .Which.Should().BeEquivalentTo(new Finding(expectedReason, expectedLevel, parameter, value));
        }
    }
}
