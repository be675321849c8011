namespace ThuisMonitoring.Domain.Protocols;

/// <summary>One rule that fired: its reason code, level and the value that made it fire.</summary>
public sealed record Finding(string Reason, Level Level, string Parameter, double? Value);
