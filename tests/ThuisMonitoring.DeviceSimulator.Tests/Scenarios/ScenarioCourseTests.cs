using ThuisMonitoring.DeviceSimulator.Scenarios;

namespace ThuisMonitoring.DeviceSimulator.Tests.Scenarios;

/// <summary>Each scenario tells the story its name promises, within a minute of compressed time.</summary>
public sealed class ScenarioCourseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Stable_recovery_stays_between_94_and_97_and_improves(int seed)
    {
        var spo2 = Play.Measurements(new StableRecovery(), seed).Select(m => m.Spo2!.Value).ToArray();

        spo2.Should().OnlyContain(v => v >= 94 && v <= 97);
        spo2.TakeLast(5).Average().Should().BeGreaterThan(spo2.Take(5).Average());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Slow_deterioration_drifts_from_95_to_90_with_a_rising_respiratory_rate(int seed)
    {
        var measurements = Play.Measurements(new SlowDeterioration(), seed);

        measurements[0].Spo2.Should().Be(95);
        measurements[^1].Spo2.Should().Be(90);
        measurements[^1].RespiratoryRate.Should().BeGreaterThan(measurements[0].RespiratoryRate!.Value + 5);
        measurements.Select(m => m.Spo2!.Value).Should().OnlyContain(v => v >= 90 && v <= 95);
    }

    [Fact]
    public void Sudden_desaturation_is_stable_then_about_88()
    {
        var spo2 = Play.Measurements(new SuddenDesaturation()).Select(m => m.Spo2!.Value).ToArray();

        spo2.Take(SuddenDesaturation.StableMeasurements).Should().OnlyContain(v => v >= 95);
        spo2.Skip(SuddenDesaturation.StableMeasurements).Should().NotBeEmpty().And.OnlyContain(v => v >= 87 && v <= 89);
    }

    [Fact]
    public void Sudden_desaturation_turns_red_within_a_minute()
    {
        var measurements = Play.Measurements(new SuddenDesaturation());
        var firstRed = measurements.First(m => m.Spo2 <= 91);

        (firstRed.MeasuredAt - Play.Start).Should().BeLessThan(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Feels_worse_keeps_vitals_in_target_while_the_feeling_goes_to_worse_and_much_worse()
    {
        var measurements = Play.Measurements(new FeelsWorse());

        measurements.Should().OnlyContain(m => m.Spo2 >= 95 && m.HeartRate <= 90 && m.RespiratoryRate <= 20);
        measurements.Select(m => m.Feeling).Should().Contain("worse").And.Contain("much-worse");
        measurements.Select(m => m.Feeling).Should().ContainInOrder("same", "worse", "much-worse");
    }

    [Fact]
    public void Missed_measurements_publishes_a_few_then_stays_silent()
    {
        var steps = Play.Steps(new MissedMeasurements());

        steps.OfType<PublishMeasurement>().Should().HaveCount(MissedMeasurements.MeasurementsBeforeSilence);
        steps[^1].Should().BeOfType<Wait>().Which.Duration.Should().BeGreaterThan(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void Every_bad_payload_breaks_the_contract()
    {
        var invalid = Play.Steps(new BadPayloads()).OfType<PublishInvalid>().ToArray();

        invalid.Select(i => i.Flaw).Should().Equal(BadPayloads.FlawNames);
        foreach (var message in invalid)
        {
            ContractRules.Violations(message.Payload, Play.Start.AddMinutes(1))
                .Should().NotBeEmpty($"{message.Flaw} should be rejected: {message.Payload}");
        }
    }

    [Fact]
    public void Bad_payloads_cover_range_missing_time_and_broken_json()
    {
        BadPayloads.FlawNames.Should().Contain(["spo2-out-of-range", "missing-measured-at", "bad-json"]);
    }

    [Fact]
    public void Unknown_scenario_names_the_known_ones()
    {
        var act = () => ScenarioCatalog.Get("flatline");

        act.Should().Throw<ArgumentException>().WithMessage("*sudden-desaturation*");
    }
}
