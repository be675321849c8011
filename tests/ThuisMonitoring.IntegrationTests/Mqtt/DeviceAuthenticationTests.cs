using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Mqtt;

/// <summary>CONTRACT §2: username = deviceId, password = the secret issued at binding; anything else is refused at CONNACK.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class DeviceAuthenticationTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(shared.Host, output);

    [Theory]
    [InlineData(MosquittoClients.V311, 4, "bad user name or password")]
    [InlineData(MosquittoClients.V5, 134, "Bad User Name or Password")]
    public async Task A_bound_device_with_a_wrong_secret_is_refused(string version, int connAck, string message)
    {
        var patient = await shared.Ward.AdmitAsync();

        var run = await shared.Mosquitto.PublishAsync(version, patient.Device.DeviceId, "not-the-secret",
            patient.Device.MeasurementsTopic, Measurement.Green(Measurement.NewMessageId()));

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.ConnAckCode.Should().Be(connAck, run.ToString());
        run.StandardError.Should().ContainEquivalentOf(message);
        (await shared.Ward.PatientAsync(patient.PatientId)).LastMeasurement.Should().BeNull();
    }

    [Theory]
    [InlineData(MosquittoClients.V311, 4, "bad user name or password")]
    [InlineData(MosquittoClients.V5, 134, "Bad User Name or Password")]
    public async Task An_unknown_device_is_refused(string version, int connAck, string message)
    {
        var deviceId = Ward.Unique("never-bound");

        var run = await shared.Mosquitto.PublishAsync(version, deviceId, "whatever-secret",
            $"thuismonitoring/v1/devices/{deviceId}/measurements", Measurement.Green(Measurement.NewMessageId()));

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.ConnAckCode.Should().Be(connAck, run.ToString());
        run.StandardError.Should().ContainEquivalentOf(message);
    }

    [Theory]
    [InlineData(MosquittoClients.V311)]
    [InlineData(MosquittoClients.V5)]
    public async Task The_secret_of_one_device_does_not_open_another(string version)
    {
        var first = await shared.Ward.AdmitAsync();
        var second = await shared.Ward.AdmitAsync();

        var run = await shared.Mosquitto.PublishAsync(version, second.Device.DeviceId, first.Device.Secret,
            second.Device.MeasurementsTopic, Measurement.Green(Measurement.NewMessageId()));

        run.ExitCode.Should().NotBe(0, run.ToString());
        (await shared.Ward.PatientAsync(second.PatientId)).LastMeasurement.Should().BeNull();
    }

    [Fact]
    public async Task An_MQTT_311_client_with_an_empty_client_id_is_accepted_and_its_measurement_stored()
    {
        var patient = await shared.Ward.AdmitAsync();
        var messageId = Measurement.NewMessageId();

        var run = await shared.Mosquitto.PublishAsync(MosquittoClients.V311, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(messageId, spo2: 96, heartRate: 70, oxygenFlow: 2.0));

        // mosquitto_pub sends no client id of its own: its debug output names the client "(null)".
        run.StandardOutput.Should().Contain("Client (null) sending CONNECT");
        run.ConnAckCode.Should().Be(0, run.ToString());
        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardOutput.Should().Contain("received PUBACK");
        var stored = await shared.Ward.LastMeasurementIsAsync(patient.PatientId, messageId);
        stored.LastMeasurement!.Spo2.Should().Be(96);
        stored.LastMeasurement.HeartRate.Should().Be(70);
    }

    [Fact]
    public async Task An_MQTT_5_client_with_an_empty_client_id_is_accepted_and_given_one()
    {
        var patient = await shared.Ward.AdmitAsync();
        var messageId = Measurement.NewMessageId();

        var run = await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(messageId, spo2: 95));

        run.ExitCode.Should().Be(0, run.ToString());
        run.PubAckReasonCodes.Should().Equal([0], run.ToString());
        await shared.Ward.LastMeasurementIsAsync(patient.PatientId, messageId);
    }

    public void Dispose() => _log.Dispose();
}
