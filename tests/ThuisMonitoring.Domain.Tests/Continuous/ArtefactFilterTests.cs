using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests.Continuous;

/// <summary>PROTOCOL.md section 4, artefacts: sensor off, perfusion index below 0.4 %, a jump of more than 10 points within 3 s that reverses within 10 s.</summary>
public sealed class ArtefactFilterTests
{
    private static readonly DateTimeOffset T0 = SpotCheck.MorningRound;
    private readonly ArtefactFilter _filter = new(CovidOxygenProtocol.Default.Continuous.Artefacts);

    [Theory]
    [InlineData(false, 2.0, ArtefactKind.SensorOff)]
    [InlineData(true, 0.0, ArtefactKind.LowPerfusion)]
    [InlineData(true, 0.39, ArtefactKind.LowPerfusion)]
    [InlineData(true, 0.4, ArtefactKind.None)]
    [InlineData(true, 20.0, ArtefactKind.None)]
    [InlineData(true, null, ArtefactKind.None)]
    public void Sensor_off_and_low_perfusion_are_artefacts_at_once(bool sensorOn, double? perfusionIndex, ArtefactKind expected)
    {
        var step = _filter.Accept(new ContinuousSample(T0, Spo2: 96, PerfusionIndex: perfusionIndex, SensorOn: sensorOn));

        step.Kind.Should().Be(expected);
        step.Trusted.Should().HaveCount(expected == ArtefactKind.None ? 1 : 0);
    }

    [Theory]
    [InlineData(96, 86, false)]
    [InlineData(96, 85, true)]
    [InlineData(88, 98, false)]
    [InlineData(88, 99, true)]
    public void A_change_of_more_than_10_points_within_3_seconds_is_held_back(int before, int next, bool held)
    {
        Feed(T0, before);

        var step = _filter.Accept(new ContinuousSample(T0.AddSeconds(1), Spo2: next));

        step.Kind.Should().Be(ArtefactKind.None, "a jump is only an artefact once it reverses");
        step.Trusted.Should().HaveCount(held ? 0 : 1);
        _filter.Holding.Should().Be(held);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Only_a_change_within_3_seconds_counts_as_a_jump(int secondsLater, bool held)
    {
        Feed(T0, 96);

        _filter.Accept(new ContinuousSample(T0.AddSeconds(secondsLater), Spo2: 84));

        _filter.Holding.Should().Be(held);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void A_jump_that_reverses_within_10_seconds_is_an_artefact_otherwise_a_real_change(int reversesAfter, bool artefact)
    {
        Feed(T0, 96, 96, 96);
        var jumpAt = T0.AddSeconds(3);
        var held = new List<DateTimeOffset>();
        for (var s = 0; s < reversesAfter; s++)
        {
            _filter.Accept(new ContinuousSample(jumpAt.AddSeconds(s), Spo2: 70, HeartRate: 150));
            held.Add(jumpAt.AddSeconds(s));
        }

        var back = _filter.Accept(new ContinuousSample(jumpAt.AddSeconds(reversesAfter), Spo2: 95));

        if (artefact)
        {
            back.LateArtefacts.Select(s => s.At).Should().Equal(held);
            back.Trusted.Should().ContainSingle().Which.Spo2.Should().Be(95);
        }
        else
        {
            back.LateArtefacts.Should().BeEmpty();
            back.Trusted.Select(s => s.At).Should().Equal(held, "a change that lasts is real and is evaluated");
        }
    }

    private void Feed(DateTimeOffset from, params int[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _filter.Accept(new ContinuousSample(from.AddSeconds(i), Spo2: values[i]));
        }
    }
}
