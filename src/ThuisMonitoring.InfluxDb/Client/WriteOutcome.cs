namespace ThuisMonitoring.InfluxDb.Client;

/// <summary>What InfluxDB said to a write that reached it.</summary>
public enum WriteStatus
{
    /// <summary>204: every line is stored.</summary>
    Written,

    /// <summary>400 (bad data, e.g. a field type conflict) or 413 (too large): retrying the same lines cannot help.</summary>
    Rejected,

    /// <summary>404: the database does not exist (yet).</summary>
    DatabaseMissing,
}

public sealed record WriteOutcome(WriteStatus Status, string? Error = null)
{
    public static readonly WriteOutcome Written = new(WriteStatus.Written);
}
