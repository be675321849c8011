namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// Rules for continuous (1 Hz) meters: artefacts, how long a band must hold (median over the window) before it
/// escalates, how long a recovery must last before the level steps down, and the device watch.
/// </summary>
public sealed record ContinuousRules(
    ArtefactRules Artefacts,
    TimeSpan Spo2RedWindow,
    TimeSpan Spo2OrangeWindow,
    TimeSpan HeartRateWindow,
    TimeSpan RespiratoryRateWindow,
    TimeSpan StepDownAfter,
    TimeSpan DeviceSilentAfter,
    int BatteryLowBelowPercent);
