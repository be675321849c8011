using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>What the broker knows about an authenticated device connection, kept in its session items.</summary>
internal sealed record DeviceSession(DeviceBinding Binding)
{
    public const string Key = "thuismonitoring.device";
}
