using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>
/// The watch of the patient's meters on its own, for a caller that decides no due times (<see cref="Replay.ProtocolReplay"/>
/// replays traces through the monitor), and a meter's second without a sample.
/// </summary>
public sealed partial class PatientMonitor
{
    /// <summary>
    /// The silence watch alone (the part of <see cref="Tick"/> about the meters): <c>device-silent</c> once per silence
    /// when a continuous meter has been silent for the protocol's time. Due times and advice are not decided.
    /// </summary>
    public MonitorOutcome WatchDevices(ProtocolDocument protocol, DateTimeOffset now)
    {
        if (Episode is not { IsActive: true } episode)
        {
            return MonitorOutcome.Nothing;
        }

        var changed = SilenceAlerts(episode, episode.EffectiveProtocol(protocol), now);
        return changed.Count == 0 ? MonitorOutcome.Nothing : new MonitorOutcome(changed, [], [], null, null, MonitorSave.Now);
    }

    /// <summary>
    /// A meter spoke at <paramref name="at"/> without a sample because its sensor is off: its stream sees an artefact
    /// second (so the meter is not silent, and a hold over it breaks), and nothing is evaluated or stored.
    /// </summary>
    public void SensorOffSecond(string deviceId, ProtocolDocument protocol, DateTimeOffset at)
    {
        var episode = RequireEpisode();
        Streams.Observe(
            deviceId, DeviceKind.Oximeter, [new Measurement(at, PerfusionIndex: 0)], false, episode.EffectiveProtocol(protocol),
            new OxygenPrescription(episode.OxygenFlow));
    }

    /// <summary><c>device-silent</c> when the meters have been silent for the protocol's time and this silence was not reported.</summary>
    private IReadOnlyList<Alert> SilenceAlerts(Episode episode, ProtocolDocument effective, DateTimeOffset now) =>
        _watch.CheckSilence(ContinuousSampleAt, now, effective) is { } silence ? episode.Apply(silence, now, _newId).ChangedAlerts : [];
}
