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
/// <para>
/// A device has one session and two filters, changed once per connection and read for every message: each device's
/// subscribers are a small array replaced whole under the device's lock and read without one. (A concurrent
/// dictionary per device and per session cost about 1.2 KB per connected device: 12 MB at 10,000.)
/// </para>
/// </summary>
public sealed class DeviceSubscribers
{
    private readonly ConcurrentDictionary<string, DeviceEntry> _byDevice = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _deviceOfClient = new(StringComparer.Ordinal);

    /// <summary>The broker accepted <paramref name="filter"/> for the device's session <paramref name="session"/>.</summary>
    public void Subscribed(string deviceId, string clientId, MqttSessionStatus session, string filter, MqttQualityOfServiceLevel qos)
    {
        _byDevice.GetOrAdd(deviceId, static _ => new DeviceEntry()).Subscribe(clientId, session, filter, qos);
        _deviceOfClient[clientId] = deviceId;
    }

    public void Unsubscribed(string clientId, string filter)
    {
        if (_deviceOfClient.TryGetValue(clientId, out var deviceId) && _byDevice.TryGetValue(deviceId, out var device))
        {
            device.Unsubscribe(clientId, filter);
        }
    }

    /// <summary>The broker deleted the client's session (and with it its subscriptions).</summary>
    public void SessionDeleted(string clientId)
    {
        if (_deviceOfClient.TryRemove(clientId, out var deviceId) && _byDevice.TryGetValue(deviceId, out var device))
        {
            device.Remove(clientId);
        }
    }

    /// <summary>
    /// Whether any session of the device (connected or persistent) holds a subscription: when none does, a message for
    /// it need not be made at all (a device that publishes without subscribing, as most meters do, costs no feedback).
    /// </summary>
    public bool AnyFor(string deviceId)
    {
        if (!_byDevice.TryGetValue(deviceId, out var device))
        {
            return false;
        }

        foreach (var subscriber in device.Subscribers)
        {
            if (subscriber.Filters.Length > 0)
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
        if (!_byDevice.TryGetValue(deviceId, out var device))
        {
            return 0;
        }

        var delivered = 0;
        foreach (var subscriber in device.Subscribers)
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
                device.Remove(subscriber.ClientId);
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

    /// <summary>One device's subscribed sessions: replaced whole under the lock, read without it.</summary>
    private sealed class DeviceEntry
    {
        private readonly Lock _gate = new();
        private volatile Subscriber[] _subscribers = [];

        public Subscriber[] Subscribers => _subscribers;

        public void Subscribe(string clientId, MqttSessionStatus session, string filter, MqttQualityOfServiceLevel qos)
        {
            lock (_gate)
            {
                var at = IndexOf(clientId);
                // A new session under the same client id (clean start) starts with no subscriptions of its own. Status
                // objects are made per event; the session's items dictionary is the session's identity.
                var known = at >= 0 && ReferenceEquals(_subscribers[at].Session.Items, session.Items) ? _subscribers[at] : new Subscriber(clientId, session, []);
                Put(at, known.With(filter, qos));
            }
        }

        public void Unsubscribe(string clientId, string filter)
        {
            lock (_gate)
            {
                if (IndexOf(clientId) is var at and >= 0)
                {
                    Put(at, _subscribers[at].Without(filter));
                }
            }
        }

        public void Remove(string clientId)
        {
            lock (_gate)
            {
                if (IndexOf(clientId) is var at and >= 0)
                {
                    var current = _subscribers;
                    var next = new Subscriber[current.Length - 1];
                    Array.Copy(current, 0, next, 0, at);
                    Array.Copy(current, at + 1, next, at, current.Length - at - 1);
                    _subscribers = next;
                }
            }
        }

        private int IndexOf(string clientId) => Array.FindIndex(_subscribers, s => s.ClientId == clientId);

        private void Put(int at, Subscriber subscriber)
        {
            var next = at >= 0 ? (Subscriber[])_subscribers.Clone() : [.. _subscribers, subscriber];
            if (at >= 0)
            {
                next[at] = subscriber;
            }

            _subscribers = next;
        }
    }

    /// <summary>A session's filters on its device's topics, with their granted QoS; never changed, replaced.</summary>
    private sealed class Subscriber(string clientId, MqttSessionStatus session, (string Filter, MqttQualityOfServiceLevel Qos)[] filters)
    {
        public string ClientId { get; } = clientId;

        public MqttSessionStatus Session { get; } = session;

        public (string Filter, MqttQualityOfServiceLevel Qos)[] Filters { get; } = filters;

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

        public Subscriber With(string filter, MqttQualityOfServiceLevel qos) =>
            new(ClientId, Session, [.. Without(filter).Filters, (filter, qos)]);

        public Subscriber Without(string filter) =>
            new(ClientId, Session, Array.FindAll(Filters, f => f.Filter != filter));
    }
}
