using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Protocols;

/// <summary>PROTOCOL.md section 2: a patient who feels worse is orange, much worse red.</summary>
public sealed class FeelsWorseTests
{
    [Theory]
    [InlineData(Feeling.Better, Level.Green)]
    [InlineData(Feeling.Same, Level.Green)]
    [InlineData(Feeling.Worse, Level.Orange)]
    [InlineData(Feeling.MuchWorse, Level.Red)]
    public void Feeling_worse_escalates_per_the_protocol(Feeling feeling, Level expectedLevel)
    {
        var evaluation = SpotCheck.Evaluate(SpotCheck.Of(feeling: feeling), SpotCheck.RoomAir);

        evaluation.Level.Should().Be(expectedLevel);
        if (expectedLevel == Level.Green)
        {
            evaluation.Findings.Should().BeEmpty();
        }
        else
        {
            evaluation.Findings.Should().ContainSingle()
                .Which.Should().BeEquivalentTo(new Finding("feels-worse", expectedLevel, "feeling", null));
        }
    }
}
