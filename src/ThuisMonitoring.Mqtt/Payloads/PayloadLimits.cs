namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>The hard limits every device payload is held to before and while it is parsed.</summary>
public static class PayloadLimits
{
    /// <summary>
    /// Larger payloads are rejected before parsing. A full batch of 600 measurements with every field
    /// and a 64-character messageId is about 160 KiB, so this leaves room without inviting abuse.
    /// </summary>
    public const int MaxPayloadBytes = 256 * 1024;

    /// <summary>Most measurement objects in one batch (contract section 2).</summary>
    public const int MaxBatchSize = 600;

    /// <summary>Most levels of nested objects/arrays, counting the outermost one; deeper payloads are rejected.</summary>
    public const int MaxDepth = 8;

    /// <summary>Most errors reported for one payload; the rest are summarised in one last error.</summary>
    public const int MaxReportedErrors = 20;

    /// <summary>Longest accepted <c>messageId</c>, in characters.</summary>
    public const int MaxMessageIdLength = 64;

    /// <summary>How far ahead of the platform clock <c>measuredAt</c> may be (device clocks drift).</summary>
    public static readonly TimeSpan MaxClockAhead = TimeSpan.FromMinutes(5);

    /// <summary>How old a measurement may be and still be accepted (offline backlog).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);
}
