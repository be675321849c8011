namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>One thing a simulated device does next: publish a measurement, publish a flawed message, or wait.</summary>
public abstract record ScenarioStep;

/// <summary>Publish a measurement the platform should accept.</summary>
public sealed record PublishMeasurement(DeviceMeasurement Measurement) : ScenarioStep;

/// <summary>
/// Publish a message the platform must reject (PUBACK 0x99 and a message on the errors topic).
/// <paramref name="Flaw"/> says what is wrong with it; <paramref name="MessageId"/> is null when the payload has none
/// the platform could read.
/// </summary>
public sealed record PublishInvalid(string Payload, string Flaw, string? MessageId) : ScenarioStep;

/// <summary>
/// Stay quiet for a while before the next step. <paramref name="EndsPass"/> marks the wait that closes a pass:
/// it only matters when the scenario loops, so a single pass ends without it.
/// </summary>
public sealed record Wait(TimeSpan Duration, bool EndsPass = false) : ScenarioStep;
