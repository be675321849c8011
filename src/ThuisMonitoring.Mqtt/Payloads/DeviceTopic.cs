namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// A device-to-platform topic, <c>thuismonitoring/v1/devices/{deviceId}/measurements|status</c>, and the
/// names of the platform-to-device topics.
/// </summary>
/// <param name="DeviceId">The device the topic belongs to; whether the publisher may use it is the broker's check.</param>
/// <param name="Kind">Which device-to-platform topic it is.</param>
public sealed record DeviceTopic(string DeviceId, DeviceTopicKind Kind)
{
    /// <summary>What every device topic starts with.</summary>
    public const string Prefix = "thuismonitoring/v1/devices/";

    /// <summary>The full topic name.</summary>
    public string Name => Kind == DeviceTopicKind.Measurements ? Measurements(DeviceId) : Status(DeviceId);

    /// <summary>
    /// Reads a topic a client published to. Null for anything that is not exactly a measurements or status
    /// topic of a valid deviceId: other prefixes or versions, extra or empty levels, the platform-to-device
    /// topics, wildcards. Topic names are case-sensitive, as in MQTT.
    /// </summary>
    public static DeviceTopic? Parse(string? topic)
    {
        if (topic is null || !topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = topic.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash < 0 || !IsValidDeviceId(rest[..slash]))
        {
            return null;
        }

        DeviceTopicKind kind;
        switch (rest[(slash + 1)..])
        {
            case "measurements":
                kind = DeviceTopicKind.Measurements;
                break;
            case "status":
                kind = DeviceTopicKind.Status;
                break;
            default:
                return null;
        }

        return new DeviceTopic(rest[..slash].ToString(), kind);
    }

    /// <summary>
    /// A deviceId is usable in a topic when it is non-empty and holds no level separator (<c>/</c>),
    /// no wildcard (<c>+</c>, <c>#</c>) and no NUL character (forbidden in MQTT strings).
    /// </summary>
    public static bool IsValidDeviceId(ReadOnlySpan<char> deviceId) =>
        !deviceId.IsEmpty && deviceId.IndexOfAny("/+#\0") < 0;

    /// <summary><c>thuismonitoring/v1/devices/{deviceId}/measurements</c>.</summary>
    public static string Measurements(string deviceId) => Build(deviceId, "/measurements");

    /// <summary><c>thuismonitoring/v1/devices/{deviceId}/status</c>.</summary>
    public static string Status(string deviceId) => Build(deviceId, "/status");

    /// <summary><c>thuismonitoring/v1/devices/{deviceId}/feedback</c>, where <see cref="FeedbackMessage"/> goes.</summary>
    public static string Feedback(string deviceId) => Build(deviceId, "/feedback");

    /// <summary><c>thuismonitoring/v1/devices/{deviceId}/errors</c>, where <see cref="ErrorMessage"/> goes.</summary>
    public static string Errors(string deviceId) => Build(deviceId, "/errors");

    private static string Build(string deviceId, string suffix)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        if (!IsValidDeviceId(deviceId))
        {
            throw new ArgumentException("A deviceId must be non-empty and contain no '/', '+', '#' or NUL.", nameof(deviceId));
        }

        return string.Concat(Prefix, deviceId, suffix);
    }
}
