namespace ThuisMonitoring.DeviceSimulator.Devices;

/// <summary>What the platform sends back on the feedback topic for an accepted measurement.</summary>
public sealed record DeviceFeedback(string? MessageId, DateTimeOffset? ReceivedAt, string? Level, string? Text);

/// <summary>What the platform sends back on the errors topic for a rejected message.</summary>
public sealed record DeviceErrors(string? MessageId, IReadOnlyList<FieldError>? Errors);

/// <summary>One broken rule of a rejected message.</summary>
public sealed record FieldError(string? Field, string? Message);

/// <summary>The PUBACK of a QoS 1 publish: accepted, or the MQTT 5 reason code why not.</summary>
public readonly record struct PublishOutcome(bool Accepted, string ReasonCode);
