using ThuisMonitoring.DeviceSimulator.Demo;
using ThuisMonitoring.DeviceSimulator.Running;
using ThuisMonitoring.DeviceSimulator.Scenarios;

namespace ThuisMonitoring.DeviceSimulator.Tests.Running;

public sealed class ScenarioRunnerTests
{
    private static SimulatedPatient Patient(string deviceId, string scenario) =>
        new("p-" + deviceId, "Johanna de Boer", "early-discharge", "longarts", 2.0, deviceId, "secret-" + deviceId,
            ScenarioCatalog.Get(scenario).PreferredDevice, scenario);

    private static ScenarioRunOptions Once(TestBroker broker) => new()
    {
        MqttHost = "127.0.0.1",
        MqttPort = broker.Port,
        Interval = TimeSpan.FromMilliseconds(5),
        Loop = false,
    };

    [Fact]
    public async Task One_pass_publishes_every_measurement_and_hears_feedback_for_each()
    {
        await using var broker = await TestBroker.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var report = await ScenarioRunner.RunAsync(Once(broker),
            [Patient("dev-a", "sudden-desaturation"), Patient("dev-b", "missed-measurements")], timeout.Token);

        report.Devices.Should().HaveCount(2);
        report.Devices[0].Should().Match<DeviceRunReport>(d => d.Published == 20 && d.Accepted == 20 && d.Failures == 0);
        report.Devices[1].Published.Should().Be(MissedMeasurements.MeasurementsBeforeSilence);
        timeout.IsCancellationRequested.Should().BeFalse("a single pass ends without its closing silence");
        report.FeedbackReceived.Should().Be(23);
        report.ErrorsReceived.Should().Be(0);
    }

    [Fact]
    public async Task Every_bad_payload_is_refused_and_answered_on_the_errors_topic()
    {
        await using var broker = await TestBroker.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var report = await ScenarioRunner.RunAsync(Once(broker), [Patient("dev-c", "bad-payloads")], timeout.Token);

        var device = report.Devices.Single();
        device.InvalidPublished.Should().Be(BadPayloads.FlawNames.Count);
        device.InvalidRejected.Should().Be(BadPayloads.FlawNames.Count);
        device.Accepted.Should().Be(1);
        device.ErrorsReceived.Should().Be(BadPayloads.FlawNames.Count);
        device.FeedbackReceived.Should().Be(1);
    }

    [Fact]
    public async Task Cancelling_a_looping_run_returns_the_counts_so_far()
    {
        await using var broker = await TestBroker.StartAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var report = await ScenarioRunner.RunAsync(new ScenarioRunOptions
        {
            MqttPort = broker.Port,
            Interval = TimeSpan.FromMilliseconds(20),
            Loop = true,
        }, [Patient("dev-d", "stable-recovery")], stop.Token);

        report.Devices.Single().Published.Should().BePositive();
    }
}
