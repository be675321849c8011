using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols;

/// <summary>PROTOCOL.md section 2: the partial NEWS2 aggregate of 5-6 is orange news2-medium, 7 or more red news2-high.</summary>
public sealed class AggregateEscalationTests
{
    [Theory]
    // room air: 1 + 1 + 1 + 1
    [InlineData(94, 91, 9, 35.5, 0.0, null, 4, null, Level.Green)]
    // room air: 2 + 1 + 1 + 1
    [InlineData(93, 91, 9, 35.5, 0.0, null, 5, "news2-medium", Level.Orange)]
    // room air: 2 + 2 + 1 + 1
    [InlineData(93, 111, 9, 38.5, 0.0, null, 6, "news2-medium", Level.Orange)]
    // room air: 2 + 2 + 2 + 1
    [InlineData(93, 111, 21, 38.5, 0.0, null, 7, "news2-high", Level.Red)]
    // room air: 3 + 3 + 3 + 3
    [InlineData(91, 131, 25, 35.0, 0.0, null, 12, "news2-high", Level.Red)]
    // room air: 1 + 1 + 1 + 0
    [InlineData(94, 91, 9, 37.0, 0.0, null, 3, null, Level.Green)]
    // prescribed oxygen: 1 + 1 + 1 + 0 + 2
    [InlineData(94, 91, 9, 37.0, 2.0, null, 5, "news2-medium", Level.Orange)]
    // prescribed oxygen: 1 + 1 + 1 + 1 + 2
    [InlineData(94, 91, 9, 35.5, 2.0, null, 6, "news2-medium", Level.Orange)]
    // prescribed oxygen: 2 + 1 + 1 + 1 + 2
    [InlineData(93, 91, 9, 38.5, 2.0, null, 7, "news2-high", Level.Red)]
    // reported oxygen without a prescription: 1 + 1 + 1 + 0 + 2
    [InlineData(94, 91, 9, 37.0, 0.0, 1.0, 5, "news2-medium", Level.Orange)]
    // prescribed oxygen, all vitals normal: 0 + 0 + 0 + 0 + 2
    [InlineData(96, 80, 16, 37.0, 1.0, null, 2, null, Level.Green)]
    public void Partial_news2_aggregate_escalates_per_the_protocol(
        int spo2, int heartRate, int respiratoryRate, double temperature, double prescribedFlow, double? reportedFlow,
        int expectedScore, string? expectedReason, Level expectedLevel)
    {
        var measurement = SpotCheck.Of(spo2, heartRate, respiratoryRate, temperature, reportedFlow);

        var evaluation = SpotCheck.Evaluate(measurement, prescribedFlow);

        evaluation.News2Score.Should().Be(expectedScore);
        var finding = evaluation.FindingFor("news2");
        if (expectedReason is null)
        {
            finding.Should().BeNull();
        }
        else
        {
            finding.Should().BeEquivalentTo(new Finding(expectedReason, expectedLevel, "news2", expectedScore));
        }
    }
}
