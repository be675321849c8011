using ThuisMonitoring.DeviceSimulator.Scenarios;

namespace ThuisMonitoring.DeviceSimulator.Tests.Scenarios;

public sealed class ScenarioContractTests
{
    public static TheoryData<string> Names => Play.ScenarioNames();

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_measurement_of_a_scenario_keeps_the_contract(string name)
    {
        foreach (var kind in new[] { DeviceKind.Oximeter, DeviceKind.PatientApp })
        {
            foreach (var measurement in Play.Measurements(ScenarioCatalog.Get(name), kind: kind))
            {
                ContractRules.Violations(Play.Json(measurement), Play.Start.AddMinutes(1))
                    .Should().BeEmpty($"{name} on {kind} published {Play.Json(measurement)}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_scenario_replays_the_same_with_the_same_seed(string name)
    {
        var scenario = ScenarioCatalog.Get(name);

        Play.Steps(scenario, seed: 42).Should().Equal(Play.Steps(scenario, seed: 42));
    }

    [Theory]
    [InlineData("stable-recovery")]
    [InlineData("slow-deterioration")]
    [InlineData("sudden-desaturation")]
    [InlineData("feels-worse")]
    public void Another_seed_gives_other_values(string name)
    {
        var scenario = ScenarioCatalog.Get(name);

        Play.Measurements(scenario, seed: 1).Should().NotEqual(Play.Measurements(scenario, seed: 2));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void MessageIds_are_unique_and_fit_the_contract(string name)
    {
        var ids = Play.Steps(ScenarioCatalog.Get(name))
            .Select(s => s switch
            {
                PublishMeasurement p => p.Measurement.MessageId,
                PublishInvalid i => i.MessageId,
                _ => null,
            })
            .OfType<string>()
            .ToArray();

        ids.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => id.Length >= 1 && id.Length <= 64);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_pass_ends_with_the_one_wait_that_closes_it(string name)
    {
        var steps = Play.Steps(ScenarioCatalog.Get(name));

        steps[^1].Should().BeOfType<Wait>().Which.EndsPass.Should().BeTrue();
        steps.OfType<Wait>().Count(w => w.EndsPass).Should().Be(1);
    }

    [Fact]
    public void MeasuredAt_is_the_moment_of_publishing_with_an_offset()
    {
        var measurements = Play.Measurements(new StableRecovery());

        measurements[0].MeasuredAt.Should().Be(Play.Start);
        measurements[1].MeasuredAt.Should().Be(Play.Start.AddSeconds(3));
        Play.Json(measurements[0]).Should().MatchRegex("\"measuredAt\":\"2021-03-15T09:00:00\\+01:00\"|\"measuredAt\":\"2021-03-15T08:00:00\\+00:00\"");
    }

    [Fact]
    public void An_oximeter_reports_only_what_an_oximeter_measures()
    {
        var measurement = Play.Measurements(new SlowDeterioration(), kind: DeviceKind.Oximeter)[0];

        measurement.Spo2.Should().NotBeNull();
        measurement.HeartRate.Should().NotBeNull();
        measurement.PerfusionIndex.Should().NotBeNull();
        measurement.RespiratoryRate.Should().BeNull();
        measurement.Feeling.Should().BeNull();
        measurement.OxygenFlow.Should().BeNull();
    }

    [Fact]
    public void The_patient_app_reports_the_prescribed_flow_so_no_rising_oxygen_need_is_raised()
    {
        Play.Measurements(new StableRecovery(), kind: DeviceKind.PatientApp, flow: 2.5)
            .Should().OnlyContain(m => m.OxygenFlow == 2.5);
    }
}
