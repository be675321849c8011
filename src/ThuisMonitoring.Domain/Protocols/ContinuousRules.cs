namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// Rules for continuous (1 Hz) meters: artefacts, how long a band must hold (median over the window) before it
/// escalates, how long a recovery must last before the level steps down, the device watch, and how a device's
/// measurements are told apart into spot checks, warm-up and stream samples (<see cref="Streams"/>).
/// </summary>
public sealed record ContinuousRules(
    ArtefactRules Artefacts,
    TimeSpan Spo2RedWindow,
    TimeSpan Spo2OrangeWindow,
    TimeSpan HeartRateWindow,
    TimeSpan RespiratoryRateWindow,
    TimeSpan StepDownAfter,
    TimeSpan DeviceSilentAfter,
    int BatteryLowBelowPercent)
{
    /// <summary>Stream classification: the gap that starts a new stream and the warm-up (the <c>streams</c> section; <see cref="StreamRules.Default"/> when absent).</summary>
    public StreamRules Streams { get; init; } = StreamRules.Default;
}
