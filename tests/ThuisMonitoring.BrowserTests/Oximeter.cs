using System.Text.Json;
using System.Text.Json.Serialization;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace ThuisMonitoring.BrowserTests;

/// <summary>A patient's oximeter: an MQTT 5 client signed in with its deviceId and secret (CONTRACT.md section 2).</summary>
public sealed class Oximeter : IAsyncDisposable
{
    private static readonly MqttClientFactory Factory = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly IMqttClient _client;
    private readonly string _topic;
    private readonly string _statusTopic;

    private Oximeter(IMqttClient client, string deviceId)
    {
        _client = client;
        _topic = $"thuismonitoring/v1/devices/{deviceId}/measurements";
        _statusTopic = $"thuismonitoring/v1/devices/{deviceId}/status";
    }

    public static async Task<Oximeter> ConnectAsync(int mqttPort, EnrolledPatient patient, CancellationToken cancellationToken = default)
    {
        var client = Factory.CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", mqttPort)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(patient.DeviceId)
            .WithCredentials(patient.DeviceId, patient.DeviceSecret)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        var connected = await client.ConnectAsync(options, cancellationToken);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new InvalidOperationException($"The broker refused {patient.DeviceId}: {connected.ResultCode} {connected.ReasonString}");
        }

        return new Oximeter(client, patient.DeviceId);
    }

    /// <summary>Publishes one measurement with QoS 1 and insists on a successful PUBACK.</summary>
    public async Task MeasureAsync(MeasurementMessage measurement, CancellationToken cancellationToken = default)
    {
        var message = MeasurementOf(measurement);
        var result = await _client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"PUBACK {result.ReasonCode} {result.ReasonString} for {_topic}");
        }
    }

    /// <summary>
    /// Measures (a new reading, a new message id, each time) until a PUBACK is a success or <paramref name="within"/> has
    /// passed: in a cluster whose host was just killed, a patient grain that lived there cannot be called until the
    /// cluster has declared that host dead (implementation specific error). A new reading, not the same message again:
    /// the refused message was stored before its grain call failed, so the same message id again is acknowledged as a
    /// duplicate and is evaluated only when the grain next activates (its watch tick, within about a minute).
    /// </summary>
    public async Task MeasureUntilAcceptedAsync(Func<MeasurementMessage> reading, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var result = await _client.PublishAsync(MeasurementOf(reading()));
            if (result.IsSuccess)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"PUBACK {result.ReasonCode} {result.ReasonString} for {_topic} for {within}");
            }

            await Task.Delay(500);
        }
    }

    private MqttApplicationMessage MeasurementOf(MeasurementMessage measurement) => new MqttApplicationMessageBuilder()
        .WithTopic(_topic)
        .WithPayload(JsonSerializer.SerializeToUtf8Bytes(measurement, Json))
        .WithContentType("application/json")
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    /// <summary>Publishes a device status (battery %, sensor on) with QoS 1, as on .../status.</summary>
    public async Task ReportStatusAsync(int? battery = null, bool? sensorOn = null, CancellationToken cancellationToken = default)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(_statusTopic)
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(new DeviceStatusMessage(battery, sensorOn), Json))
            .WithContentType("application/json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"PUBACK {result.ReasonCode} {result.ReasonString} for {_statusTopic}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _client.Dispose();
    }
}

/// <summary>One measurement object as a device sends it (CONTRACT.md section 2); absent fields are left out.</summary>
public sealed record MeasurementMessage(
    DateTimeOffset MeasuredAt,
    string MessageId,
    int? Spo2 = null,
    int? HeartRate = null,
    int? RespiratoryRate = null,
    double? OxygenFlow = null,
    string? Feeling = null)
{
    /// <summary>A spot check taken now on the prescribed 2 L/min.</summary>
    public static MeasurementMessage Now(int? spo2 = null, int? heartRate = null, int? respiratoryRate = null, string? feeling = null) =>
        new(DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"), spo2, heartRate, respiratoryRate, 2.0, feeling);
}

/// <summary>A device status report (CONTRACT.md section 2, .../status); absent fields are left out.</summary>
public sealed record DeviceStatusMessage(int? Battery, bool? SensorOn);
