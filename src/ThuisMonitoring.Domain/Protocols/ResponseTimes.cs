namespace ThuisMonitoring.Domain.Protocols;

/// <summary>How soon the monitoring centre calls the patient after an orange or red alert.</summary>
public sealed record ResponseTimes(TimeSpan Orange, TimeSpan Red)
{
    /// <summary>The response time for an alert of this level; none for green.</summary>
    public TimeSpan? For(Level level) => level switch
    {
        Level.Red => Red,
        Level.Orange => Orange,
        _ => null,
    };
}
