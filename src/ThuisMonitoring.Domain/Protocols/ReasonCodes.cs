namespace ThuisMonitoring.Domain.Protocols;

/// <summary>The kebab-case reason codes of the protocol (../docs/protocol.md lists them with their sources).</summary>
public static class ReasonCodes
{
    public const string Spo2Low = "spo2-low";
    public const string Spo2Critical = "spo2-critical";
    public const string RespiratoryRateHigh = "respiratory-rate-high";
    public const string RespiratoryRateLow = "respiratory-rate-low";
    public const string HeartRateHigh = "heart-rate-high";
    public const string HeartRateLow = "heart-rate-low";
    public const string TemperatureHigh = "temperature-high";
    public const string TemperatureLow = "temperature-low";
    public const string News2Medium = "news2-medium";
    public const string News2High = "news2-high";
    public const string OxygenNeedRising = "oxygen-need-rising";
    public const string FeelsWorse = "feels-worse";
    public const string MeasurementMissed = "measurement-missed";
    public const string DeviceSilent = "device-silent";
    public const string BatteryLow = "battery-low";
    public const string Spo2Drop = "spo2-drop";
    public const string ExertionalDesaturation = "exertional-desaturation";
    public const string EpisodeReview = "episode-review";

    /// <summary>The patient asked to be called ("Bel mij" in the app).</summary>
    public const string CallRequested = "call-requested";

    /// <summary>Every reason code (call scripts may name only these).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Spo2Low, Spo2Critical, RespiratoryRateHigh, RespiratoryRateLow, HeartRateHigh, HeartRateLow, TemperatureHigh,
        TemperatureLow, News2Medium, News2High, OxygenNeedRising, FeelsWorse, MeasurementMissed, DeviceSilent, BatteryLow,
        Spo2Drop, ExertionalDesaturation, EpisodeReview, CallRequested,
    ];
}
