using System.Text.Json;
using ThuisMonitoring.DeviceSimulator.Load;
using ThuisMonitoring.DeviceSimulator.Scenarios;

namespace ThuisMonitoring.DeviceSimulator.Tests.Load;

public sealed class LoadPayloadTests
{
    private static readonly DateTimeOffset Now = new(2021, 3, 15, 8, 0, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData(0u, false)]
    [InlineData(7u, false)]
    [InlineData(123456789u, false)]
    [InlineData(uint.MaxValue, false)]
    [InlineData(0u, true)]
    public void A_load_measurement_keeps_the_contract(uint variation, bool red)
    {
        var json = System.Text.Encoding.UTF8.GetString(LoadPayload.Write(Now, "run1-42", red, variation));

        ContractRules.Violations(json, Now).Should().BeEmpty(json);
    }

    [Fact]
    public void A_load_measurement_reads_back_as_written()
    {
        var measurement = JsonSerializer.Deserialize<DeviceMeasurement>(LoadPayload.Write(Now, "run1-42", true, 0), SimulatorJson.Options)!;

        measurement.MeasuredAt.Should().Be(Now);
        measurement.MessageId.Should().Be("run1-42");
        measurement.Spo2.Should().Be(88);
    }

    [Fact]
    public void Green_load_values_stay_green_on_oxygen()
    {
        // On oxygen (+2), SpO2 95 (+1) and a pulse of 51-90 (0) keep the partial NEWS2 at most 3: green.
        for (var variation = 0u; variation < 2000; variation += 7)
        {
            var m = JsonSerializer.Deserialize<DeviceMeasurement>(LoadPayload.Write(Now, "x", false, variation), SimulatorJson.Options)!;
            m.Spo2.Should().BeInRange(95, 98);
            m.HeartRate.Should().BeInRange(51, 90);
        }
    }

    [Theory]
    [InlineData(0.02)]
    [InlineData(0.1)]
    public void The_red_fraction_is_kept(double fraction)
    {
        var red = Enumerable.Range(0, 100_000).Count(i => LoadPayload.IsRed(i, fraction));

        (red / 100_000.0).Should().BeApproximately(fraction, fraction * 0.05);
    }

    [Fact]
    public void No_red_when_the_fraction_is_zero() =>
        Enumerable.Range(0, 10_000).Should().NotContain(i => LoadPayload.IsRed(i, 0));
}
