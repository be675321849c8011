using System.Collections.Concurrent;
using System.Net;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// Throttles refused device logins per source address: after <see cref="MqttBrokerOptions.MaxRefusedLoginsPerAddress"/>
/// refusals within <see cref="MqttBrokerOptions.RefusedLoginWindow"/>, every CONNECT from that address is refused
/// without looking at its secret until the window has passed since the last refusal.
/// </summary>
/// <remarks>
/// Per address, not per device: a device secret is 256 random bits, so guessing it is hopeless anyway, while a lockout
/// per device id would let anyone who knows an id (it is in the topic names) lock a patient's meter out.
/// </remarks>
public sealed class RefusedLogins(int maxPerAddress, TimeSpan window, TimeProvider clock)
{
    private readonly ConcurrentDictionary<IPAddress, Tally> _byAddress = new();

    /// <summary>Whether CONNECTs from <paramref name="address"/> are refused outright now.</summary>
    public bool IsThrottled(IPAddress? address)
    {
        if (address is null || !_byAddress.TryGetValue(address, out var tally))
        {
            return false;
        }

        lock (tally)
        {
            return tally.Count >= maxPerAddress && clock.GetUtcNow() - tally.Last < window;
        }
    }

    /// <summary>Counts one refused login from <paramref name="address"/>.</summary>
    public void Refused(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var tally = _byAddress.GetOrAdd(address, _ => new Tally());
        lock (tally)
        {
            if (now - tally.Last >= window)
            {
                tally.Count = 0;
            }

            tally.Count++;
            tally.Last = now;
        }

        if (_byAddress.Count > 10_000)
        {
            Forget(now);
        }
    }

    /// <summary>A successful login from the address clears its tally.</summary>
    public void Accepted(IPAddress? address)
    {
        if (address is not null)
        {
            _byAddress.TryRemove(address, out _);
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (address, tally) in _byAddress)
        {
            if (now - tally.Last >= window)
            {
                _byAddress.TryRemove(address, out _);
            }
        }
    }

    private sealed class Tally
    {
        public int Count { get; set; }

        public DateTimeOffset Last { get; set; } = DateTimeOffset.MinValue;
    }
}
