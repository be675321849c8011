namespace ThuisMonitoring.Mqtt.Broker;

/// <summary>
/// The subscription ACL (contract §2): a device may subscribe to any filter inside its own subtree
/// (<c>thuismonitoring/v1/devices/{deviceId}/feedback</c>, <c>.../+</c>, <c>.../#</c>) and to nothing outside it.
/// </summary>
public static class DeviceTopics
{
    public static bool MayDeviceSubscribe(string deviceId, string topicFilter)
    {
        var prefix = $"thuismonitoring/v1/devices/{deviceId}/";
        if (!topicFilter.StartsWith(prefix, StringComparison.Ordinal) || topicFilter.Length == prefix.Length)
        {
            return false;
        }

        // Wildcards only as whole levels, '#' only last: a malformed filter is no subtree of anything.
        var levels = topicFilter[prefix.Length..].Split('/');
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level == "#")
            {
                if (i != levels.Length - 1)
                {
                    return false;
                }
            }
            else if (level != "+" && (level.Contains('+') || level.Contains('#')))
            {
                return false;
            }
        }

        return true;
    }
}
