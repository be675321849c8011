using System.Text.Json.Serialization;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// One sample of a continuous (1 Hz) meter. <see cref="SensorOn"/> is what the device last reported on its status
/// topic; a sample while the sensor is off is an artefact.
/// </summary>
/// <remarks>
/// A value (issue 14: a 1 Hz sample allocates nothing): the stream's windows are arrays of it, saved by column
/// (<see cref="ContinuousSamplesJson"/>). Windows saved before that hold one object per sample; the constructor is the
/// JSON one, so such a sample without <c>sensorOn</c> reads as sensor on.
/// </remarks>
public readonly record struct ContinuousSample
{
    [JsonConstructor]
    public ContinuousSample(
        DateTimeOffset At,
        int? Spo2 = null,
        int? HeartRate = null,
        int? RespiratoryRate = null,
        double? PerfusionIndex = null,
        bool SensorOn = true)
    {
        this.At = At;
        this.Spo2 = Spo2;
        this.HeartRate = HeartRate;
        this.RespiratoryRate = RespiratoryRate;
        this.PerfusionIndex = PerfusionIndex;
        this.SensorOn = SensorOn;
    }

    public DateTimeOffset At { get; init; }

    public int? Spo2 { get; init; }

    public int? HeartRate { get; init; }

    public int? RespiratoryRate { get; init; }

    public double? PerfusionIndex { get; init; }

    public bool SensorOn { get; init; }

    public static ContinuousSample From(Measurement measurement, bool sensorOn = true) => new(
        measurement.MeasuredAt, measurement.Spo2, measurement.HeartRate, measurement.RespiratoryRate,
        measurement.PerfusionIndex, sensorOn);
}
