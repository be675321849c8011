using MQTTnet;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Mqtt;

/// <summary>CONTRACT §2: MQTT over WebSocket at <c>/mqtt</c> on the HTTP port, for the patient web app.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class WebSocketTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(shared.Host, output);

    [Fact]
    public async Task A_patient_app_over_WebSocket_publishes_a_measurement_and_gets_feedback()
    {
        var patient = await shared.Ward.AdmitAsync();
        var app = await shared.Ward.BindDeviceAsync(patient.PatientId, "patient-app");
        await using var device = MqttDevice.OverWebSocket(app, shared.Host.BaseAddress);
        (await device.ConnectAsync()).Should().Be(MqttClientConnectResultCode.Success);
        var messageId = Measurement.NewMessageId();

        var code = await device.PublishMeasurementAsync(System.Text.Encoding.UTF8.GetBytes(Measurement.Json(messageId, feeling: "same", spo2: 96, oxygenFlow: 2.0)));

        code.Should().Be(MqttClientPublishReasonCode.Success);
        var stored = await shared.Ward.LastMeasurementIsAsync(patient.PatientId, messageId);
        stored.LastMeasurement!.Feeling.Should().Be("same");
        await Eventually.GetAsync(() => Task.FromResult(device.Feedback.ToArray()), f => f.Length > 0, null, "feedback over the WebSocket");
        device.Feedback.Should().ContainSingle().Which.Should().Contain(messageId);
    }

    [Fact]
    public async Task A_wrong_secret_over_WebSocket_is_refused()
    {
        var patient = await shared.Ward.AdmitAsync();
        await using var device = MqttDevice.OverWebSocket(patient.Device with { Secret = "niet-het-geheim" }, shared.Host.BaseAddress);

        var result = await device.ConnectAsync();

        result.Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        device.IsConnected.Should().BeFalse();
    }

    public void Dispose() => _log.Dispose();
}
