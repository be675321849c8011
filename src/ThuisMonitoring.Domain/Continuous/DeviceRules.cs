using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// The device watch of a continuous meter: silent for the protocol's time while the episode is active is orange
/// <c>device-silent</c>; a battery below the protocol's percentage is orange <c>battery-low</c> (the patient is told to
/// charge it). Pure decisions: the grain calls them from its timer or reminder and on a status message.
/// </summary>
public static class DeviceRules
{
    /// <summary>An evaluation with <c>device-silent</c> when nothing arrived since <paramref name="lastSampleAt"/> for the protocol's time; null otherwise.</summary>
    public static Evaluation? CheckSilence(DateTimeOffset? lastSampleAt, DateTimeOffset now, ProtocolDocument protocol)
    {
        if (lastSampleAt is not { } last || now - last < protocol.Continuous.DeviceSilentAfter)
        {
            return null;
        }

        var silentMinutes = Math.Floor((now - last).TotalMinutes);
        return new Evaluation(
            new Measurement(last), Level.Orange,
            [new Finding(ReasonCodes.DeviceSilent, Level.Orange, "device", silentMinutes)], 0, protocol.Id);
    }

    /// <summary>An evaluation with <c>battery-low</c> when <paramref name="batteryPercent"/> is below the protocol's limit; null otherwise.</summary>
    public static Evaluation? CheckBattery(int batteryPercent, DateTimeOffset at, ProtocolDocument protocol)
    {
        if (batteryPercent >= protocol.Continuous.BatteryLowBelowPercent)
        {
            return null;
        }

        return new Evaluation(
            new Measurement(at), Level.Orange,
            [new Finding(ReasonCodes.BatteryLow, Level.Orange, "battery", batteryPercent)], 0, protocol.Id);
    }
}
