using MQTTnet;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Cluster;

/// <summary>
/// Issue 14, the live overview in cluster mode: a console connected to one host is pushed the overview row
/// (<c>patientChanged</c>) of a patient whose grain runs on the other host, as it is pushed that patient's alerts.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class ClusterOverviewTests(PostgresClusterServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_console_on_the_other_host_is_pushed_the_overview_row_of_a_patient_whose_grain_runs_elsewhere()
    {
        await using var cluster = await HostCluster.StartAsync(postgres.Server, "overview", 2, output);
        using var ward = await Ward.OpenAsync(cluster[0]);
        var patient = await ward.AdmitAsync();
        var grainHost = (await Eventually.GetAsync(
            () => Task.FromResult(cluster.HostThatEnrolled(patient.PatientId)), host => host is not null, TimeSpan.FromSeconds(30), "the host whose silo enrolled the patient"))!.Value;
        await using var console = await LiveConsole.OpenAsync(cluster[1 - grainHost].BaseAddress);
        await using var device = MqttDevice.OverTcp(patient.Device, cluster[grainHost].MqttPort);
        (await device.ConnectAsync()).Should().Be(MqttClientConnectResultCode.Success);

        (await device.PublishAsync(patient.Device.MeasurementsTopic, Measurement.Json(Measurement.NewMessageId(), spo2: 86, oxygenFlow: 2.0)))
            .Should().Be(MqttClientPublishReasonCode.Success);

        await Eventually.GetAsync(
            () => Task.FromResult(console.Levels),
            levels => levels.TryGetValue(patient.PatientId, out var level) && level == "red",
            TimeSpan.FromSeconds(30),
            "the red overview row of a patient on the other host pushed to this host's console");
    }
}
