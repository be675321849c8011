using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Grains.Contracts;

namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// What the broker knows about an authenticated device connection, kept in its session items: the binding it
/// connected with and the reference to its patient's grain, made once per connection (resolving a grain reference
/// costs a type lookup; per publish it was 5-6 % of the host's CPU).
/// </summary>
internal sealed record DeviceSession(DeviceBinding Binding, IPatientGrain Patient)
{
    public const string Key = "thuismonitoring.device";
}
