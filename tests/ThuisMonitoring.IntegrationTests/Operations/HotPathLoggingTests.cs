using System.Text;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Operations;

/// <summary>
/// Issue 9: under load the log said what happened, not every message and every call (Polly wrote about 200
/// Information lines a second, the framework one per request). A burst of 500 measurements, some raising and
/// counting towards an alert, while the console polls the API, leaves only a handful of Information lines.
/// </summary>
public sealed class HotPathLoggingTests(ITestOutputHelper output)
{
    private const int Burst = 500;
    private const int Devices = 5;

    [Fact]
    public async Task A_burst_of_500_measurements_writes_fewer_than_a_handful_of_Information_lines()
    {
        await using var host = await HostProcess.StartAsync();
        try
        {
            using var ward = await Ward.OpenAsync(host);
            var patients = new List<AdmittedPatient>();
            for (var i = 0; i < Devices; i++)
            {
                patients.Add(await ward.AdmitAsync());
            }

            var devices = patients.Select(p => MqttDevice.OverTcp(p.Device, host.MqttPort)).ToList();
            foreach (var device in devices)
            {
                await device.ConnectAsync();
            }

            var log = new HostLog(host, output);
            var start = DateTimeOffset.UtcNow.AddMinutes(-30);
            var lastIds = new string[Devices];
            await Task.WhenAll(devices.Select(async (device, d) =>
            {
                for (var i = 0; i < Burst / Devices; i++)
                {
                    var messageId = Measurement.NewMessageId();
                    // Patient 0 deteriorates: an alert raised once, then counted on every measurement.
                    var spo2 = d == 0 ? 87 : 96;
                    var payload = Measurement.Json(messageId, spo2: spo2, heartRate: 80, oxygenFlow: 2.0, measuredAt: start.AddSeconds(i * 10));
                    (await device.PublishMeasurementAsync(Encoding.UTF8.GetBytes(payload))).Should().Be(MQTTnet.MqttClientPublishReasonCode.Success);
                    lastIds[d] = messageId;
                }
            }));
            for (var d = 0; d < Devices; d++)
            {
                await ward.LastMeasurementIsAsync(patients[d].PatientId, lastIds[d]);
            }

            var information = log.SinceStart.Split('\n').Where(l => l.StartsWith("info:", StringComparison.Ordinal)).ToList();
            output.WriteLine($"{information.Count} Information lines during the burst:\n{string.Join('\n', information)}");
            information.Count.Should().BeLessThan(5, "a burst of measurements and API calls is not news; the first alert is");

            foreach (var device in devices)
            {
                await device.DisposeAsync();
            }
        }
        finally
        {
            HostLog.WriteAll(host, output);
        }
    }
}
