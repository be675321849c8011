using System.Text;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Operations;

/// <summary>
/// Issue 14: after a restart under load Polly wrote 3,986 Information lines in 20 s — Orleans places every grain
/// activation through a Polly pipeline, and Polly logs every run and every attempt of it at Information (two lines per
/// activation). Those routine events are Debug now (Observability/ResilienceLogging.cs), so even an operator who turns
/// the Polly category up to Information to watch retries does not get a line per activation.
/// </summary>
public sealed class PlacementLoggingTests(ITestOutputHelper output)
{
    private const int Patients = 5;

    [Fact]
    public async Task Activating_patient_grains_writes_no_Polly_Information_lines_even_with_Polly_at_Information()
    {
        await using var host = await HostProcess.StartAsync(settings: new Dictionary<string, string> { ["Logging:LogLevel:Polly"] = "Information" });
        try
        {
            using var ward = await Ward.OpenAsync(host);
            using var log = new HostLog(host, output);
            var patients = new List<AdmittedPatient>();
            for (var i = 0; i < Patients; i++)
            {
                patients.Add(await ward.AdmitAsync());
            }

            foreach (var patient in patients)
            {
                await using var device = MqttDevice.OverTcp(patient.Device, host.MqttPort);
                await device.ConnectAsync();
                var messageId = Measurement.NewMessageId();
                var payload = Measurement.Json(messageId, spo2: 96, heartRate: 80, oxygenFlow: 2.0, measuredAt: DateTimeOffset.UtcNow.AddSeconds(-5));
                (await device.PublishMeasurementAsync(Encoding.UTF8.GetBytes(payload))).Should().Be(MQTTnet.MqttClientPublishReasonCode.Success);
                await ward.LastMeasurementIsAsync(patient.PatientId, messageId);
            }

            var lines = log.SinceStart.Split('\n');
            var polly = lines
                .Select((line, i) => (line, next: i + 1 < lines.Length ? lines[i + 1] : ""))
                .Where(l => l.line.StartsWith("info: Polly", StringComparison.Ordinal))
                .Select(l => l.line + " " + l.next.Trim())
                .ToList();
            output.WriteLine($"{polly.Count} Polly Information lines:\n{string.Join('\n', polly)}");
            polly.Should().BeEmpty("placing a grain is routine; Polly's Warning lines (a retried attempt, a timeout) are what an operator wants");
        }
        finally
        {
            HostLog.WriteAll(host, output);
        }
    }
}
