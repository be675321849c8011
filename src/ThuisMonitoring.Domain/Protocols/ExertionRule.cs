namespace ThuisMonitoring.Domain.Protocols;

/// <summary>Desaturation on exertion: a fall of at least <see cref="Points"/> against the last value at rest is orange.</summary>
public sealed record ExertionRule(int Points);
