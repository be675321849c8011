namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>The subscription ACL: a device reads only its own feedback and errors.</summary>
public static class DeviceTopics
{
    public static bool MayDeviceSubscribe(string deviceId, string topicFilter)
    {
        var prefix = $"thuismonitoring/v1/devices/{deviceId}/";
        return topicFilter == prefix + "feedback" || topicFilter == prefix + "errors" || topicFilter == prefix + "+";
    }
}
