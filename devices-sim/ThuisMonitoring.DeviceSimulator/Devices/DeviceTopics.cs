namespace ThuisMonitoring.DeviceSimulator.Devices;

/// <summary>The MQTT topics of one device (CONTRACT section 2).</summary>
public sealed record DeviceTopics(string Measurements, string Status, string Feedback, string Errors)
{
    public static DeviceTopics For(string deviceId)
    {
        var root = $"thuismonitoring/v1/devices/{deviceId}/";
        return new DeviceTopics(root + "measurements", root + "status", root + "feedback", root + "errors");
    }
}
