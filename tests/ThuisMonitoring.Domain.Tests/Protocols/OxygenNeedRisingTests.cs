using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols;

/// <summary>PROTOCOL.md section 2: a reported flow above the prescription is orange, above the maximum home flow red.</summary>
public sealed class OxygenNeedRisingTests
{
    [Theory]
    [InlineData(2.0, 0.0, Level.Green)]
    [InlineData(2.0, 1.0, Level.Green)]
    [InlineData(2.0, 2.0, Level.Green)]
    [InlineData(2.0, 2.5, Level.Orange)]
    [InlineData(2.0, 3.0, Level.Orange)]
    [InlineData(2.0, 3.5, Level.Red)]
    [InlineData(0.0, 1.0, Level.Orange)]
    [InlineData(3.0, 3.0, Level.Green)]
    [InlineData(3.0, 4.0, Level.Red)]
    [InlineData(1.0, 15.0, Level.Red)]
    public void Reported_flow_above_the_prescription_is_oxygen_need_rising(
        double prescribedFlow, double reportedFlow, Level expectedLevel)
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(oxygenFlow: reportedFlow), prescribedFlow);

        var finding = evaluation.FindingFor("oxygenFlow");
        if (expectedLevel == Level.Green)
        {
            finding.Should().BeNull();
        }
        else
        {
            finding.Should().BeEquivalentTo(new Finding("oxygen-need-rising", expectedLevel, "oxygenFlow", reportedFlow));
        }

        evaluation.Level.Should().Be(expectedLevel);
    }
}
