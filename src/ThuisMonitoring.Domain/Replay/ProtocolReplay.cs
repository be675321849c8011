using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Replay;

/// <summary>
/// Runs a protocol over traces as the platform would have (spot checks, streams per device with warm-up, artefacts and
/// holds, battery, device silence), on a fresh episode per trace and on the traces' own time: it touches no live state
/// and gives the same report for the same protocol and traces every time. The report says per rule how many alerts it
/// raised per patient-day, how long it took to escalate labelled deteriorations, its sensitivity and its false alerts.
/// The centre is assumed to handle every alert within the protocol's response time for its level (red 5, orange 60
/// minutes by default) and to resolve it at home, so a later crossing of the same rule raises a new alert, as it would
/// live (without it one alert per rule would absorb every later crossing of a long recording).
/// </summary>
public static class ProtocolReplay
{
    private static readonly TimeSpan WatchEvery = TimeSpan.FromMinutes(1);

    public static ReplayReport Run(ProtocolDocument protocol, IReadOnlyList<LabelledTrace> traces)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(traces);
        var results = traces.Select(trace => RunTrace(protocol, trace)).ToList();
        return ReplayReport.From(protocol.Id, results);
    }

    private static TraceResult RunTrace(ProtocolDocument protocol, LabelledTrace trace)
    {
        var enrolledAt = trace.Start.AddMinutes(-1);
        var episode = Episode.Start(new Enrolment($"replay:{trace.Name}", Pathway.EarlyDischarge, "replay", null, trace.OxygenFlow, null, enrolledAt));
        var effective = episode.EffectiveProtocol(protocol);
        var streams = new ContinuousStreams();
        var raised = new Dictionary<string, ReplayAlert>();
        var handledAt = new Dictionary<string, DateTimeOffset>();
        var alertNumber = 0;
        var nextWatch = trace.Start + WatchEvery;
        var devices = new Monitoring.DeviceWatch();
        string NewAlertId() => $"{trace.Name}-{++alertNumber}";

        void Collect(EpisodeUpdate? update, DateTimeOffset at)
        {
            foreach (var alert in update?.ChangedAlerts ?? [])
            {
                if (!raised.TryGetValue(alert.AlertId, out var known) || alert.Level > known.Level)
                {
                    // A new alert, or an alert that rose: each is one escalation the centre sees.
                    raised[alert.AlertId] = new ReplayAlert(alert.Reasons.ToList(), alert.Level, (int)(at - trace.Start).TotalSeconds, known?.FirstAt ?? (int)(at - trace.Start).TotalSeconds);
                    handledAt[alert.AlertId] = at + (alert.Level == Level.Red ? effective.ResponseTimes.Red : effective.ResponseTimes.Orange);
                }
            }
        }

        void Handle(DateTimeOffset until)
        {
            foreach (var (alertId, at) in handledAt.Where(h => h.Value <= until).OrderBy(h => h.Value).ToList())
            {
                handledAt.Remove(alertId);
                if (episode.Alerts.Find(alertId) is { IsActive: true })
                {
                    episode.Alerts.Resolve(alertId, "replay", CallOutcome.ResolvedAtHome.ToCode(), null, at);
                }
            }
        }

        foreach (var item in trace.Events)
        {
            var at = trace.Start.AddSeconds(item.At);
            Handle(at);
            while (nextWatch <= at)
            {
                if (devices.CheckSilence(streams.LastSampleAt, nextWatch, effective) is { } silence)
                {
                    Collect(episode.Apply(silence, nextWatch, NewAlertId), nextWatch);
                }

                nextWatch += WatchEvery;
            }

            if (item.Device == TraceEvent.App)
            {
                var spotCheck = new Measurement(at, item.Spo2, item.HeartRate, item.RespiratoryRate, Temperature: item.Temperature, PerfusionIndex: item.PerfusionIndex);
                Collect(episode.Record(spotCheck, protocol, at, NewAlertId), at);
                continue;
            }

            if (item.IsStatus)
            {
                if (item.Battery is { } battery && DeviceRules.CheckBattery(battery, at, effective) is { } low)
                {
                    Collect(episode.Apply(low, at, NewAlertId), at);
                }

                if (!item.SensorOn && item.Battery is null)
                {
                    // A sample-less "sensor off" second: the device still speaks, the stream sees an artefact.
                    streams.Observe(item.Device, DeviceKind.Oximeter, [new Measurement(at, PerfusionIndex: 0)], false, effective, new OxygenPrescription(episode.OxygenFlow));
                }

                continue;
            }

            var sample = new Measurement(at, item.Spo2, item.HeartRate, item.RespiratoryRate, PerfusionIndex: item.PerfusionIndex);
            foreach (var step in streams.Observe(item.Device, DeviceKind.Oximeter, [sample], item.SensorOn, effective, new OxygenPrescription(episode.OxygenFlow)))
            {
                if (step.Role == SampleRole.SpotCheck)
                {
                    Collect(episode.Record(step.Measurement, protocol, at, NewAlertId), at);
                    continue;
                }

                if (step.IsTrustedSample || step.Role == SampleRole.WarmUp)
                {
                    episode.ObserveSample(step.Measurement, step.SustainedLevel, protocol);
                }

                if (step.Evaluation is { } evaluation)
                {
                    Collect(episode.Apply(evaluation, at, NewAlertId), at);
                }
            }
        }

        return TraceResult.Of(trace, [.. raised.Values.OrderBy(a => a.At)]);
    }
}
