using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
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
        var alertNumber = 0;
        string NewAlertId() => $"{trace.Name}-{++alertNumber}";

        // The live rules: the patient's monitor classifies each sample by its device's stream and evaluates it.
        var monitor = new PatientMonitor(newId: NewAlertId);
        var episode = monitor.Enrol(new Enrolment($"replay:{trace.Name}", Pathway.EarlyDischarge, "replay", null, trace.OxygenFlow, null, enrolledAt));
        var effective = episode.EffectiveProtocol(protocol);
        var raised = new Dictionary<string, ReplayAlert>();
        var handledAt = new Dictionary<string, DateTimeOffset>();
        var nextWatch = trace.Start + WatchEvery;

        void Collect(MonitorOutcome outcome, DateTimeOffset at)
        {
            foreach (var alert in outcome.ChangedAlerts)
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
                    monitor.Resolve(alertId, "replay", CallOutcome.ResolvedAtHome.ToCode(), null, at);
                }
            }
        }

        foreach (var item in trace.Events)
        {
            var at = trace.Start.AddSeconds(item.At);
            Handle(at);
            while (nextWatch <= at)
            {
                // The meters' watch only: a trace has no measurement schedule to miss.
                Collect(monitor.WatchDevices(protocol, nextWatch), nextWatch);
                nextWatch += WatchEvery;
            }

            if (item.Device == TraceEvent.App)
            {
                var spotCheck = new Measurement(at, item.Spo2, item.HeartRate, item.RespiratoryRate, Temperature: item.Temperature, PerfusionIndex: item.PerfusionIndex);
                Collect(monitor.Record([spotCheck], DeviceKind.PatientApp, TraceEvent.App, protocol, at), at);
                continue;
            }

            if (item.IsStatus)
            {
                if (item.Battery is not null)
                {
                    Collect(monitor.DeviceStatus(item.Device, item.Battery, null, protocol, at), at);
                }
                else if (!item.SensorOn)
                {
                    // A sample-less "sensor off" second: the device still speaks, the stream sees an artefact.
                    monitor.SensorOffSecond(item.Device, protocol, at);
                }

                continue;
            }

            if (monitor.Devices.SensorOn(item.Device) != item.SensorOn)
            {
                // Each sample of a trace carries the sensor state the device reported with it.
                monitor.DeviceStatus(item.Device, null, item.SensorOn, protocol, at);
            }

            var sample = new Measurement(at, item.Spo2, item.HeartRate, item.RespiratoryRate, PerfusionIndex: item.PerfusionIndex);
            Collect(monitor.Record([sample], DeviceKind.Oximeter, item.Device, protocol, at), at);
        }

        return TraceResult.Of(trace, [.. raised.Values.OrderBy(a => a.At)]);
    }
}
