namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>The flags of one device's samples that one message produced, for the measurement store (and InfluxDB).</summary>
public sealed record DeviceFlags(string DeviceId, IReadOnlyList<SampleFlag> Samples);
