using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>
/// What the monitor knows of a patient's devices besides their samples: the sensor state each device last reported on
/// its status topic, and which silence was already reported. Not saved: after a restart a device counts as sensor on
/// until it says otherwise, and an open <c>device-silent</c> alert is only counted again, never raised twice.
/// </summary>
public sealed class DeviceWatch
{
    private readonly Dictionary<string, bool> _sensorOn = new(StringComparer.Ordinal);
    private DateTimeOffset? _silenceReportedFor;

    /// <summary>The sensor state of the device as it last reported it (on until it reports otherwise).</summary>
    public bool SensorOn(string deviceId) => !_sensorOn.TryGetValue(deviceId, out var on) || on;

    /// <summary>The device reported its sensor on or off.</summary>
    public void ReportSensor(string deviceId, bool on) => _sensorOn[deviceId] = on;

    /// <summary>A stream sample arrived: the next silence is a new one.</summary>
    public void SampleArrived() => _silenceReportedFor = null;

    /// <summary>
    /// A <c>device-silent</c> evaluation when the meter has been silent since <paramref name="lastSampleAt"/> for the
    /// protocol's time and this silence was not reported yet: one device-silent per silence (the alert stays open until
    /// resolved; the next sample starts a new watch). Null otherwise.
    /// </summary>
    public Evaluation? CheckSilence(DateTimeOffset? lastSampleAt, DateTimeOffset now, ProtocolDocument protocol)
    {
        if (lastSampleAt == _silenceReportedFor || DeviceRules.CheckSilence(lastSampleAt, now, protocol) is not { } silence)
        {
            return null;
        }

        _silenceReportedFor = lastSampleAt;
        return silence;
    }
}
