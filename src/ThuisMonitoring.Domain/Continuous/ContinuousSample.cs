using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// One sample of a continuous (1 Hz) meter. <see cref="SensorOn"/> is what the device last reported on its status
/// topic; a sample while the sensor is off is an artefact.
/// </summary>
public sealed record ContinuousSample(
    DateTimeOffset At,
    int? Spo2 = null,
    int? HeartRate = null,
    int? RespiratoryRate = null,
    double? PerfusionIndex = null,
    bool SensorOn = true)
{
    public static ContinuousSample From(Measurement measurement, bool sensorOn = true) => new(
        measurement.MeasuredAt, measurement.Spo2, measurement.HeartRate, measurement.RespiratoryRate,
        measurement.PerfusionIndex, sensorOn);
}
