using System.Globalization;

namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>
/// What a scenario needs to know about the device it drives. The values a scenario produces depend only on
/// <see cref="Seed"/> and the oxygen flow; measuredAt comes from <see cref="Time"/> when a step is taken.
/// </summary>
public sealed class ScenarioContext
{
    private static readonly TimeZoneInfo Amsterdam = FindAmsterdam();
    private long _sequence;

    public ScenarioContext(
        int seed,
        DeviceKind deviceKind,
        double oxygenFlow,
        string messageIdPrefix,
        TimeSpan interval,
        TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Seed = seed;
        DeviceKind = deviceKind;
        OxygenFlow = oxygenFlow;
        MessageIdPrefix = messageIdPrefix;
        Interval = interval;
        Time = time ?? TimeProvider.System;
    }

    public int Seed { get; }

    public DeviceKind DeviceKind { get; }

    /// <summary>The prescribed flow in L/min; the patient app reports it with each measurement.</summary>
    public double OxygenFlow { get; }

    /// <summary>Prefix of every messageId; make it unique per run so a re-run is not taken for duplicates.</summary>
    public string MessageIdPrefix { get; }

    /// <summary>Time between two measurements (compressed: a demo shows in a minute what takes days).</summary>
    public TimeSpan Interval { get; }

    /// <summary>How long the device stays quiet in the missed-measurements scenario.</summary>
    public TimeSpan Silence { get; init; } = TimeSpan.FromMinutes(12);

    public TimeProvider Time { get; }

    /// <summary>Now, in Dutch local time so the offset is real (+01:00 or +02:00) where the zone is known.</summary>
    public DateTimeOffset Now() => TimeZoneInfo.ConvertTime(Time.GetUtcNow(), Amsterdam);

    /// <summary>A messageId unique within this context: prefix and a running number.</summary>
    public string NextMessageId() =>
        string.Create(CultureInfo.InvariantCulture, $"{MessageIdPrefix}-{Interlocked.Increment(ref _sequence):D6}");

    /// <summary>
    /// A measurement with what this kind of device reports: an oximeter has SpO2, pulse and perfusion index; the
    /// patient app adds respiratory rate, temperature, the oxygen flow and how the patient feels.
    /// </summary>
    public DeviceMeasurement Measure(
        int spo2, int heartRate, int respiratoryRate, double temperature, string feeling, double perfusionIndex)
    {
        if (DeviceKind == DeviceKind.Oximeter)
        {
            return new DeviceMeasurement(Now(), NextMessageId(), Spo2: spo2, HeartRate: heartRate,
                PerfusionIndex: perfusionIndex);
        }

        return new DeviceMeasurement(Now(), NextMessageId(), Spo2: spo2, HeartRate: heartRate,
            RespiratoryRate: respiratoryRate, OxygenFlow: OxygenFlow, Temperature: temperature, Feeling: feeling);
    }

    private static TimeZoneInfo FindAmsterdam()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Local;
        }
    }
}
