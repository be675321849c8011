using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols;

/// <summary>
/// The worked examples of PROTOCOL.md section 2, verbatim: all on 2 L/min prescribed with a maximum of 3 L/min,
/// so +2 for oxygen in the aggregate. Each example changes one value of the green baseline.
/// </summary>
public sealed class WorkedExampleTests
{
    private const double Prescribed = 2.0;

    [Fact]
    public void Spo2_95_heart_rate_80_respiratory_rate_16_and_37_degrees_is_aggregate_3_and_green()
    {
        var evaluation = SpotCheck.Evaluate(
            SpotCheck.Of(spo2: 95, heartRate: 80, respiratoryRate: 16, temperature: 37.0), Prescribed);

        evaluation.News2Score.Should().Be(3);
        evaluation.Level.Should().Be(Level.Green);
        evaluation.Findings.Should().BeEmpty();
    }

    [Theory]
    [InlineData(93, 80, 16, Level.Orange, "spo2-low")]
    [InlineData(91, 80, 16, Level.Red, "spo2-critical")]
    [InlineData(95, 80, 22, Level.Orange, "respiratory-rate-high")]
    [InlineData(95, 80, 26, Level.Red, "respiratory-rate-high")]
    [InlineData(95, 125, 16, Level.Orange, "heart-rate-high")]
    [InlineData(95, 135, 16, Level.Red, "heart-rate-high")]
    public void One_value_off_the_baseline_escalates_as_the_worked_example_says(
        int spo2, int heartRate, int respiratoryRate, Level expectedLevel, string expectedReason)
    {
        var evaluation = SpotCheck.Evaluate(
            SpotCheck.Of(spo2: spo2, heartRate: heartRate, respiratoryRate: respiratoryRate, temperature: 37.0), Prescribed);

        evaluation.Level.Should().Be(expectedLevel);
        evaluation.Findings.Should().ContainSingle(f => f.Reason == expectedReason)
            .Which.Level.Should().Be(expectedLevel);
    }

    [Fact]
    public void Spo2_94_heart_rate_105_respiratory_rate_21_on_oxygen_is_6_orange_news2_medium_and_respiratory_rate_high()
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(spo2: 94, heartRate: 105, respiratoryRate: 21), Prescribed);

        evaluation.News2Score.Should().Be(1 + 1 + 2 + 2);
        evaluation.Level.Should().Be(Level.Orange);
        evaluation.Findings.Select(f => (f.Reason, f.Level)).Should().BeEquivalentTo(
            [("news2-medium", Level.Orange), ("respiratory-rate-high", Level.Orange)]);
    }
}
