using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// The sessions subscribed to each device's own topics (feedback, errors), so the platform delivers a message to the
/// one device it is for. Injecting it into the broker instead makes MQTTnet check the subscriptions of every session
/// for every message — one scan of all connected devices per measurement, the largest cost at thousands of devices.
/// Devices may only subscribe to their own topics (see <see cref="DeviceTopics"/>), so these are all the subscribers.
/// </summary>
public sealed class DeviceSubscribers
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Subscriber>> _byDevice = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _deviceOfClient = new(StringComparer.Ordinal);

    /// <summary>The broker accepted <paramref name="filter"/> for the device's session <paramref name="session"/>.</summary>
    public void Subscribed(string deviceId, string clientId, MqttSessionStatus session, string filter, MqttQualityOfServiceLevel qos)
    {
        var clients = _byDevice.GetOrAdd(deviceId, _ => new ConcurrentDictionary<string, Subscriber>(StringComparer.Ordinal));
        var subscriber = clients.AddOrUpdate(
            clientId,
            _ => new Subscriber(session),
            // A new session under the same client id (clean start) starts with no subscriptions of its own. Status objects
            // are made per event; the session's items dictionary is the session's identity.
            (_, known) => ReferenceEquals(known.Session.Items, session.Items) ? known : new Subscriber(session));
        subscriber.Filters[filter] = qos;
        _deviceOfClient[clientId] = deviceId;
    }

    public void Unsubscribed(string clientId, string filter)
    {
        if (_deviceOfClient.TryGetValue(clientId, out var deviceId)
            && _byDevice.TryGetValue(deviceId, out var clients)
            && clients.TryGetValue(clientId, out var subscriber))
        {
            subscriber.Filters.TryRemove(filter, out _);
        }
    }

    /// <summary>The broker deleted the client's session (and with it its subscriptions).</summary>
    public void SessionDeleted(string clientId)
    {
        if (_deviceOfClient.TryRemove(clientId, out var deviceId) && _byDevice.TryGetValue(deviceId, out var clients))
        {
            clients.TryRemove(clientId, out _);
        }
    }

    /// <summary>
    /// Whether any session of the device (connected or persistent) holds a subscription: when none does, a message for
    /// it need not be made at all (a device that publishes without subscribing, as most meters do, costs no feedback).
    /// </summary>
    public bool AnyFor(string deviceId)
    {
        if (!_byDevice.TryGetValue(deviceId, out var clients))
        {
            return false;
        }

        foreach (var (_, subscriber) in clients)
        {
            if (!subscriber.Filters.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Queues <paramref name="message"/> for every session of the device subscribed to its topic, at the lower of the
    /// message's and the subscription's QoS (as the broker would); returns the number of sessions it was queued for.
    /// </summary>
    public int Deliver(string deviceId, MqttApplicationMessage message)
    {
        if (!_byDevice.TryGetValue(deviceId, out var clients))
        {
            return 0;
        }

        var delivered = 0;
        foreach (var (clientId, subscriber) in clients)
        {
            if (subscriber.GrantedFor(message.Topic) is not { } granted)
            {
                continue;
            }

            var copy = granted >= message.QualityOfServiceLevel ? message : WithQos(message, granted);
            try
            {
                if (subscriber.Session.TryEnqueueApplicationMessage(copy, out _))
                {
                    delivered++;
                }
            }
            catch (ObjectDisposedException)
            {
                // The session ended between its last subscription and now.
                clients.TryRemove(clientId, out _);
            }
        }

        return delivered;
    }

    private static MqttApplicationMessage WithQos(MqttApplicationMessage message, MqttQualityOfServiceLevel qos) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithQualityOfServiceLevel(qos)
            .WithContentType(message.ContentType)
            .Build();

    private sealed class Subscriber(MqttSessionStatus session)
    {
        public MqttSessionStatus Session { get; } = session;

        public ConcurrentDictionary<string, MqttQualityOfServiceLevel> Filters { get; } = new(StringComparer.Ordinal);

        public MqttQualityOfServiceLevel? GrantedFor(string topic)
        {
            MqttQualityOfServiceLevel? granted = null;
            foreach (var (filter, qos) in Filters)
            {
                if (MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch && (granted is null || qos > granted))
                {
                    granted = qos;
                }
            }

            return granted;
        }
    }
}
