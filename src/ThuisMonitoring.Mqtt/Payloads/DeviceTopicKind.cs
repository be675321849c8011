namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>The topics a device publishes to.</summary>
public enum DeviceTopicKind
{
    /// <summary><c>.../measurements</c>: one measurement object or a batch.</summary>
    Measurements,

    /// <summary><c>.../status</c>: battery and sensor state.</summary>
    Status,
}
