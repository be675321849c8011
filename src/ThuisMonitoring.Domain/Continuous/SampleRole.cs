namespace ThuisMonitoring.Domain.Continuous;

/// <summary>What a measurement of a device is to the protocol (PROTOCOL.md section 4).</summary>
public enum SampleRole
{
    /// <summary>A single measurement: evaluated at once by the spot-check rules.</summary>
    SpotCheck,

    /// <summary>The start of a stream (probe put on, or after a gap): stored and flagged, never evaluated.</summary>
    WarmUp,

    /// <summary>A stream sample once its cadence is known: through the device's continuous evaluation.</summary>
    Continuous,
}

public static class SampleRoleNames
{
    /// <summary>The stored flag of a warm-up sample.</summary>
    public const string WarmUpFlag = "warm-up";
}
