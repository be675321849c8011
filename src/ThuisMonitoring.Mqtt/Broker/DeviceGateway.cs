using System.Buffers;
using System.Net;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;
using ThuisMonitoring.Abstractions.Security;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.Telemetry;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Mqtt.Payloads;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// The device side of the broker: authenticates devices by their secret, enforces the topic ACL, validates
/// payloads and ingests measurements inside the broker's publish interception, so a QoS 1 PUBACK leaves only
/// after the measurement is durable.
/// </summary>
public sealed class DeviceGateway
{
    private readonly IDeviceRegistry _devices;
    private readonly IMeasurementStore _measurements;
    private readonly IGrainFactory _grains;
    private readonly IngestionMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger<DeviceGateway> _logger;
    private readonly DeviceSubscribers _subscribers = new();
    private readonly DeviceConnections _connections;
    private readonly RefusedLogins _refusedLogins;
    private readonly SampledWarnings _refusals;
    private MqttServer? _server;
    private volatile bool _closed;

    public DeviceGateway(
        IDeviceRegistry devices,
        IMeasurementStore measurements,
        IGrainFactory grains,
        IngestionMetrics metrics,
        DeviceConnections connections,
        RefusedLogins refusedLogins,
        TimeProvider clock,
        ILogger<DeviceGateway> logger)
    {
        _connections = connections;
        _refusedLogins = refusedLogins;
        _refusals = new SampledWarnings(logger, "refused MQTT logins", 10, TimeSpan.FromMinutes(1), clock);
        _devices = devices;
        _measurements = measurements;
        _grains = grains;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Attaches the gateway to the broker's events.</summary>
    public void Attach(MqttServer server)
    {
        _server = server;
        server.ValidatingConnectionAsync += ValidateConnectionAsync;
        server.InterceptingPublishAsync += InterceptPublishAsync;
        server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        server.InterceptingUnsubscriptionAsync += e =>
        {
            if (e.ProcessUnsubscription)
            {
                _subscribers.Unsubscribed(e.ClientId, e.Topic);
            }

            return Task.CompletedTask;
        };
        server.SessionDeletedAsync += e =>
        {
            _subscribers.SessionDeleted(e.Id);
            _connections.Closed(e.Id);
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Stops taking devices' publishes, first of a graceful stop: refuses new connections (server unavailable) and
    /// closes every device session (server shutting down), so the devices reconnect to the next host. Nothing
    /// acknowledged is lost: a PUBACK leaves only after the durable append, and a publish left unacknowledged is sent
    /// again by its device. Returns how many sessions were closed.
    /// </summary>
    public async Task<int> CloseAsync(CancellationToken cancellationToken)
    {
        _closed = true;
        if (_server is not { IsStarted: true } server)
        {
            return 0;
        }

        var clients = await server.GetClientsAsync();
        var closing = new Task[clients.Count];
        for (var i = 0; i < clients.Count; i++)
        {
            closing[i] = clients[i].TryDisconnectAsync(MqttDisconnectReasonCode.ServerShuttingDown, null, _logger);
        }

        await Task.WhenAll(closing).WaitAsync(cancellationToken);
        return clients.Count;
    }

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        if (_closed)
        {
            // Stopping (CloseAsync): the device connects to the next host.
            e.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            return;
        }

        var assigned = string.IsNullOrEmpty(e.ClientId);
        if (assigned && e.ProtocolVersion != MqttProtocolVersion.V500 && e.CleanSession == false)
        {
            // MQTT 3.1.1 [MQTT-3.1.3-8]: an empty client id with a persistent session is refused (CONNACK 2).
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            return;
        }

        var clientId = assigned ? "tm-" + Guid.NewGuid().ToString("N") : e.ClientId;
        e.ReasonCode = await AuthenticateAsync(e, clientId, assigned);
    }

    private async Task<MqttConnectReasonCode> AuthenticateAsync(ValidatingConnectionEventArgs e, string clientId, bool assigned)
    {
        var address = (e.RemoteEndPoint as IPEndPoint)?.Address;
        var deviceId = e.UserName;
        if (_refusedLogins.IsThrottled(address))
        {
            _refusals.Warn(log => log.LogWarning(
                "MQTT connection refused for device {DeviceId} from {Address}: too many refused logins from that address", deviceId, address));
            return Refused(e, Busy(e, MqttConnectReasonCode.ConnectionRateExceeded), clientId);
        }

        var binding = string.IsNullOrEmpty(deviceId) ? null : await _devices.FindAsync(deviceId, CancellationToken.None);
        if (binding is null || !DeviceSecret.Matches(e.Password, binding.SecretHash))
        {
            _refusedLogins.Refused(address);
            _refusals.Warn(log => log.LogWarning(
                "MQTT connection refused for device {DeviceId} from {Address}: unknown device or wrong secret", deviceId, address));
            return Refused(e, MqttConnectReasonCode.BadUserNameOrPassword, clientId);
        }

        _refusedLogins.Accepted(address);
        var sessionKey = DeviceConnectPacket.SessionKey(binding.DeviceId, clientId);
        if (!_connections.TryOpen(binding.DeviceId, sessionKey))
        {
            _refusals.Warn(log => log.LogWarning(
                "MQTT connection refused for device {DeviceId}: it already holds {Max} connections", binding.DeviceId, _connections.MaxPerDevice));
            return Refused(e, Busy(e, MqttConnectReasonCode.QuotaExceeded), clientId);
        }

        DeviceConnectPacket.BindSessionToDevice(e, sessionKey, clientId, assigned);
        if (DeviceConnectPacket.DiscardWill(e))
        {
            _logger.LogDebug("Device {DeviceId} declared a will; it was discarded (wills from devices are not stored)", binding.DeviceId);
        }

        e.SessionItems[DeviceSession.Key] = new DeviceSession(binding, _grains.GetGrain<IPatientGrain>(binding.PatientId));
        return MqttConnectReasonCode.Success;
    }

    /// <summary>MQTT 3.1.1 has no codes for quotas and rates: MQTTnet would send "unacceptable protocol version" for them.</summary>
    private static MqttConnectReasonCode Busy(ValidatingConnectionEventArgs e, MqttConnectReasonCode reason) =>
        e.ProtocolVersion == MqttProtocolVersion.V500 ? reason : MqttConnectReasonCode.ServerUnavailable;

    /// <summary>A refusal keeps its reason code: MQTTnet would answer an empty client id with "identifier rejected" instead.</summary>
    private static MqttConnectReasonCode Refused(ValidatingConnectionEventArgs e, MqttConnectReasonCode reason, string clientId)
    {
        DeviceConnectPacket.UseClientId(e, clientId);
        return reason;
    }

    private Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (e.SessionItems[DeviceSession.Key] is not DeviceSession session)
        {
            return Task.CompletedTask;
        }

        var filter = e.TopicFilter.Topic;
        if (!DeviceTopics.MayDeviceSubscribe(session.Binding.DeviceId, filter))
        {
            _logger.LogWarning("Device {DeviceId} may not subscribe to {TopicFilter}", session.Binding.DeviceId, filter);
            e.ProcessSubscription = false;
            e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        }
        else
        {
            _subscribers.Subscribed(session.Binding.DeviceId, e.ClientId, e.Session, filter, e.TopicFilter.QualityOfServiceLevel);
        }

        return Task.CompletedTask;
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.SessionItems[DeviceSession.Key] is not DeviceSession session)
        {
            return;
        }

        if (await _devices.FindAsync(session.Binding.DeviceId, CancellationToken.None) is not { } current || current.PatientId != session.Binding.PatientId)
        {
            // Unbound since it connected (consent withdrawn, patient erased): nothing more is taken from this session.
            _refusals.Warn(log => log.LogWarning("Device {DeviceId} is no longer bound; publish to {Topic} refused", session.Binding.DeviceId, e.ApplicationMessage.Topic));
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            return;
        }

        var startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        using var activity = PlatformTracing.Source.StartActivity("mqtt publish", System.Diagnostics.ActivityKind.Consumer);
        activity?.SetTag("messaging.system", "mqtt");
        activity?.SetTag("messaging.destination.name", e.ApplicationMessage.Topic);
        activity?.SetTag("thuismonitoring.device", session.Binding.DeviceId);
        activity?.SetTag("thuismonitoring.patient", session.Binding.PatientId);
        try
        {
            await IngestAsync(e, session);
        }
        catch (OperationCanceledException exception) when (_closed)
        {
            // The session was closed by the stop (CloseAsync) while its publish was stored: not acknowledged, sent again to the next host.
            _logger.LogDebug(exception, "Publish of device {DeviceId} on {Topic} cut off by the stop", session.Binding.DeviceId, e.ApplicationMessage.Topic);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.UnspecifiedError;
        }
        catch (Exception exception)
        {
            // Never let a payload take the broker down; the device retries a QoS 1 message that was not acknowledged.
            _logger.LogError(exception, "Ingestion failed for device {DeviceId} on {Topic}", session.Binding.DeviceId, e.ApplicationMessage.Topic);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
        }

        activity?.SetTag("mqtt.puback.reason", e.Response.ReasonCode.ToString());
        _metrics.RecordIngestion(startedAt, e.ApplicationMessage.Topic.EndsWith("/status", StringComparison.Ordinal) ? "status" : "measurements");
    }

    private async Task IngestAsync(InterceptingPublishEventArgs e, DeviceSession session)
    {
        var binding = session.Binding;
        var message = e.ApplicationMessage;
        var topic = DeviceTopic.Parse(message.Topic);
        if (topic is null || topic.DeviceId != binding.DeviceId)
        {
            _metrics.CountUnauthorized();
            _logger.LogWarning("Device {DeviceId} may not publish to {Topic}", binding.DeviceId, message.Topic);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            return;
        }

        // Device messages are consumed here; they are not forwarded to other subscribers.
        e.ProcessPublish = false;
        e.Response.ReasonCode = MqttPubAckReasonCode.Success;
        var now = _clock.GetUtcNow();
        if (topic.Kind == DeviceTopicKind.Status)
        {
            var status = StatusPayloadParser.Parse(message.Payload);
            if (!status.IsAccepted)
            {
                Reject(e, binding, status.Errors, status.MessageId);
                return;
            }

            await session.Patient.RecordDeviceStatus(binding.DeviceId, status.Value.Battery, status.Value.SensorOn);
            return;
        }

        var parsed = MeasurementPayloadParser.Parse(message.Payload, now);
        if (!parsed.IsAccepted)
        {
            Reject(e, binding, parsed.Errors, parsed.MessageId);
            return;
        }

        var fresh = await StoreAsync(parsed.Value, binding, now, e.CancellationToken);
        _metrics.CountAccepted(parsed.Value.Count);
        var patient = session.Patient;
        if (fresh.Count == parsed.Value.Count)
        {
            var feedback = await patient.Record(fresh, binding.Kind, binding.DeviceId);
            SendFeedback(binding.DeviceId, fresh[^1].MessageId, now, feedback);
            return;
        }

        // Stored before, wholly or partly: a resend, maybe of a message whose evaluation failed after the store (the
        // grain call threw, or the host died in between). The grain evaluates the whole message's measurements it has
        // not evaluated and changes nothing for those it has (docs/mqtt.md, "Duplicates and redelivery").
        if (await patient.Redeliver(parsed.Value, binding.Kind, binding.DeviceId) is { } redelivered)
        {
            SendFeedback(binding.DeviceId, parsed.Value[^1].MessageId, now, redelivered);
        }
    }

    /// <summary>Stores every measurement durably (group commit); returns those that were not duplicates.</summary>
    private async Task<IReadOnlyList<Measurement>> StoreAsync(
        IReadOnlyList<Measurement> measurements, DeviceBinding binding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (measurements.Count == 1)
        {
            var single = measurements[0];
            if (await _measurements.AppendAsync(ToStored(single, binding, now), cancellationToken))
            {
                return measurements;
            }

            _metrics.CountDuplicate();
            return [];
        }

        var appends = new Task<bool>[measurements.Count];
        for (var i = 0; i < measurements.Count; i++)
        {
            appends[i] = _measurements.AppendAsync(ToStored(measurements[i], binding, now), cancellationToken);
        }

        var stored = await Task.WhenAll(appends);
        var fresh = new List<Measurement>(measurements.Count);
        for (var i = 0; i < measurements.Count; i++)
        {
            if (stored[i])
            {
                fresh.Add(measurements[i]);
            }
            else
            {
                _metrics.CountDuplicate();
            }
        }

        return fresh;
    }

    private static StoredMeasurement ToStored(Measurement measurement, DeviceBinding binding, DateTimeOffset now) =>
        new(binding.PatientId, binding.DeviceId, binding.Organisation, binding.Kind, measurement, now);

    private void Reject(InterceptingPublishEventArgs e, DeviceBinding binding, IReadOnlyList<PayloadError> errors, string? messageId)
    {
        _metrics.CountRejected();
        _logger.LogWarning(
            "Rejected message {MessageId} from device {DeviceId} on {Topic}: {Errors}",
            messageId, binding.DeviceId, e.ApplicationMessage.Topic, string.Join("; ", errors.Select(x => $"{x.Field}: {x.Message}")));
        e.ProcessPublish = false;
        e.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
        PublishToDevice(binding.DeviceId, DeviceTopic.Errors(binding.DeviceId), new ErrorMessage(messageId, errors).ToUtf8Json());
    }

    private void SendFeedback(string deviceId, string? messageId, DateTimeOffset receivedAt, PatientFeedback feedback)
    {
        if (_subscribers.AnyFor(deviceId))
        {
            PublishToDevice(deviceId, DeviceTopic.Feedback(deviceId), new FeedbackMessage(messageId, receivedAt, feedback.Level, feedback.Text).ToUtf8Json());
        }
    }

    /// <summary>Straight to the device's subscribed sessions (QoS 1): not through the broker's dispatch to every session.</summary>
    private void PublishToDevice(string deviceId, string topic, byte[] payload)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build();
        _subscribers.Deliver(deviceId, message);
    }
}
