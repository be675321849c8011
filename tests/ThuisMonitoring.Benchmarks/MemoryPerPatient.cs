using System.Globalization;
using System.Text;
using System.Text.Json;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Storage;

namespace ThuisMonitoring.Benchmarks;

/// <summary>
/// What an active patient holds in memory: the <see cref="PatientMonitor"/> built from its saved state (JSON with the
/// stores' options), after a minute of 1 Hz samples, which its grain keeps, and the state as read, which the grain let
/// go of after activation and after every save. Managed heap bytes retained per patient (<see cref="GC.GetTotalMemory(bool)"/> over <see cref="Patients"/> of them), 1 hour and 14
/// days into the episode, against issue 14's budget of 20 KiB per patient. Not the grain's own fields, Orleans'
/// activation or the MQTT session: the domain's share only.
/// </summary>
public static class MemoryPerPatient
{
    public const int Patients = 500;
    private const int SamplesAfterActivation = 60;

    public static string Table()
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| into the episode | saved state (JSON bytes) | the state as read (bytes) | the monitor after a minute (bytes) | both (bytes) | the monitor and a save's copy (bytes) | patients |");
        table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, into) in new[] { ("1 hour", TimeSpan.FromHours(1)), ("14 days", TimeSpan.FromDays(14)) })
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new MonitoredPatient(into).State(), StoredJson.Options);
            var stateAlone = Retained(() => Read(json));
            var monitorAlone = Retained(() => Activate(json).Monitor);
            var both = Retained(() => Activate(json));
            var afterSave = Retained(() =>
            {
                var monitor = Activate(json).Monitor;
                return (monitor, monitor.Episode!.ToSnapshot(), monitor.StreamsState);
            });
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {json.Length:N0} | {stateAlone:N0} | {monitorAlone:N0} | {both:N0} | {afterSave:N0} | {Patients} |"));
        }

        return table.ToString();
    }

    /// <summary>An activation: the state read, the monitor built from it, a minute of 1 Hz samples.</summary>
    private static (PatientGrainState State, PatientMonitor Monitor) Activate(byte[] json)
    {
        var state = Read(json);
        var monitor = new PatientMonitor(state.Snapshot, state.Streams, state.ContinuousSampleAt, NewId);
        var source = new MonitoredPatient(TimeSpan.Zero);
        var at = state.ContinuousSampleAt!.Value;
        var message = new Measurement[1];
        for (var i = 0; i < SamplesAfterActivation; i++)
        {
            at = at.AddSeconds(1);
            message[0] = source.NextSample(at);
            monitor.Record(message, DeviceKind.Oximeter, MonitoredPatient.DeviceId, CovidOxygenProtocol.Default, at);
        }

        return (state, monitor);
    }

    private static PatientGrainState Read(byte[] json) => JsonSerializer.Deserialize<PatientGrainState>(json, StoredJson.Options)!;

    private static long Retained<T>(Func<T> make)
    {
        var kept = new List<T>(Patients);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < Patients; i++)
        {
            kept.Add(make());
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(kept);
        return (after - before) / Patients;
    }

    private static int _ids;

    private static string NewId() => "mem-" + Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);
}
