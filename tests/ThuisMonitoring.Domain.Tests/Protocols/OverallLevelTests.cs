using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols;

/// <summary>PROTOCOL.md section 2: the overall level is the highest level of any rule that fired; each contributes its reason.</summary>
public sealed class OverallLevelTests
{
    public static TheoryData<Measurement, double, Level, string[]> Combinations => new()
    {
        { SpotCheck.Of(spo2: 91, feeling: Feeling.Worse), SpotCheck.RoomAir, Level.Red, ["spo2-critical", "feels-worse"] },
        { SpotCheck.Of(heartRate: 125, temperature: 39.5), SpotCheck.RoomAir, Level.Orange, ["heart-rate-high", "temperature-high"] },
        { SpotCheck.Of(spo2: 97, feeling: Feeling.MuchWorse), SpotCheck.RoomAir, Level.Red, ["feels-worse"] },
        // respiratory rate 26 (3) + oxygen (2) = 5 also fires news2-medium
        { SpotCheck.Of(respiratoryRate: 26, oxygenFlow: 2.5), 2.0, Level.Red, ["respiratory-rate-high", "oxygen-need-rising", "news2-medium"] },
        { SpotCheck.Of(spo2: 93, heartRate: 112, respiratoryRate: 21), SpotCheck.RoomAir, Level.Orange,
            ["spo2-low", "heart-rate-high", "respiratory-rate-high", "news2-medium"] },
        // Every parameter on its own is at most orange; together they reach 7.
        { SpotCheck.Of(spo2: 93, heartRate: 112, respiratoryRate: 21, temperature: 38.5), SpotCheck.RoomAir, Level.Red,
            ["spo2-low", "heart-rate-high", "respiratory-rate-high", "news2-high"] },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Overall_level_is_the_highest_finding_and_every_rule_contributes_its_reason(
        Measurement measurement, double prescribedFlow, Level expectedLevel, string[] expectedReasons)
    {
        var evaluation = SpotCheck.Evaluate(measurement, prescribedFlow);

        evaluation.Level.Should().Be(expectedLevel);
        evaluation.Level.Should().Be(evaluation.Findings.Max(f => f.Level));
        evaluation.Findings.Select(f => f.Reason).Should().BeEquivalentTo(expectedReasons);
    }
}
