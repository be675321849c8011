namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// What a device reports about itself on <c>.../status</c>. At least one of the two is present.
/// </summary>
/// <param name="Battery">Battery charge in percent, 0-100; null when not reported.</param>
/// <param name="SensorOn">Whether the sensor is on (e.g. finger in the oximeter); null when not reported.</param>
public sealed record DeviceStatus(int? Battery, bool? SensorOn);
