namespace ThuisMonitoring.Domain.Tests.Protocols;

/// <summary>
/// PROTOCOL.md section 3: the partial NEWS2 score of each parameter, at every band boundary and at the ends of the
/// contract's ranges. Measured on room air with one parameter present, so the aggregate is that parameter's score.
/// </summary>
public sealed class PartialNews2ScoreTests
{
    [Theory]
    [InlineData(4, 3)]
    [InlineData(8, 3)]
    [InlineData(9, 1)]
    [InlineData(11, 1)]
    [InlineData(12, 0)]
    [InlineData(20, 0)]
    [InlineData(21, 2)]
    [InlineData(24, 2)]
    [InlineData(25, 3)]
    [InlineData(60, 3)]
    public void Respiratory_rate_scores_per_the_news2_table(int respiratoryRate, int expectedScore)
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(respiratoryRate: respiratoryRate), SpotCheck.RoomAir);

        evaluation.News2Score.Should().Be(expectedScore);
    }

    [Theory]
    [InlineData(50, 3)]
    [InlineData(91, 3)]
    [InlineData(92, 2)]
    [InlineData(93, 2)]
    [InlineData(94, 1)]
    [InlineData(95, 1)]
    [InlineData(96, 0)]
    [InlineData(100, 0)]
    public void Spo2_scores_per_news2_scale_1(int spo2, int expectedScore)
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(spo2: spo2), SpotCheck.RoomAir);

        evaluation.News2Score.Should().Be(expectedScore);
    }

    [Theory]
    [InlineData(20, 3)]
    [InlineData(40, 3)]
    [InlineData(41, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 0)]
    [InlineData(90, 0)]
    [InlineData(91, 1)]
    [InlineData(110, 1)]
    [InlineData(111, 2)]
    [InlineData(130, 2)]
    [InlineData(131, 3)]
    [InlineData(250, 3)]
    public void Pulse_scores_per_the_news2_table(int heartRate, int expectedScore)
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(heartRate: heartRate), SpotCheck.RoomAir);

        evaluation.News2Score.Should().Be(expectedScore);
    }

    [Theory]
    [InlineData(30.0, 3)]
    [InlineData(35.0, 3)]
    [InlineData(35.1, 1)]
    [InlineData(36.0, 1)]
    [InlineData(36.1, 0)]
    [InlineData(38.0, 0)]
    [InlineData(38.1, 1)]
    [InlineData(39.0, 1)]
    [InlineData(39.1, 2)]
    [InlineData(45.0, 2)]
    public void Temperature_scores_per_the_news2_table(double temperature, int expectedScore)
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(temperature: temperature), SpotCheck.RoomAir);

        evaluation.News2Score.Should().Be(expectedScore);
    }

    [Theory]
    [InlineData(0.0, null, 0)]
    [InlineData(2.0, null, 2)]
    [InlineData(0.5, null, 2)]
    [InlineData(0.0, 1.0, 2)]
    [InlineData(2.0, 2.0, 2)]
    public void Supplemental_oxygen_scores_2_whether_prescribed_or_reported(
        double prescribedFlow, double? reportedFlow, int expectedScore)
    {
        // SpO2 of 96 scores 0, so the aggregate is the oxygen term alone.
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(spo2: 96, oxygenFlow: reportedFlow), prescribedFlow);

        evaluation.News2Score.Should().Be(expectedScore);
    }

    [Fact]
    public void The_aggregate_is_the_sum_of_every_parameter_and_the_oxygen_term()
    {
        // SpO2 94 (1) + pulse 45 (1) + respiratory rate 10 (1) + temperature 38.5 (1) + oxygen (2).
        var evaluation = SpotCheck.Evaluate(
            SpotCheck.Of(spo2: 94, heartRate: 45, respiratoryRate: 10, temperature: 38.5), prescribedFlow: 1);

        evaluation.News2Score.Should().Be(1 + 1 + 1 + 1 + 2);
    }

    [Fact]
    public void Evaluation_records_the_protocol_that_was_applied()
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(spo2: 97), SpotCheck.RoomAir);

        evaluation.ProtocolId.Should().Be("covid-oxygen@1");
    }
}
