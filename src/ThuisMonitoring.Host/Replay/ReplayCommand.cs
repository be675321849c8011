using System.Globalization;
using System.Text.Json;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Replay;

namespace ThuisMonitoring.Host.Replay;

/// <summary>
/// <c>dotnet ThuisMonitoring.Host.dll replay [--trace=file-or-folder]... [--layer=draft-layer.json]... [--json|--markdown]</c>: runs
/// the shipped protocol and each draft layer (on top of the shipped default, side by side) over trace files, or over the
/// generated trace library when no trace is named, and prints per protocol and rule the alerts per patient-day,
/// sensitivity, false alerts and median time to escalate (or the whole reports as JSON, or with <c>--markdown</c> the
/// figures table of docs/protocol.md, <see cref="ReplayFiguresTable"/>). Pure: it opens no store and
/// touches no host. Exit 0, or 2 on wrong arguments or an unreadable file. Recorded measurements are replayed through
/// <c>POST /api/replay</c>, which reads them from the running host's stores.
/// </summary>
public static class ReplayCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "replay";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var traces = new List<LabelledTrace>();
        var protocols = new List<ProtocolDocument> { CovidOxygenProtocol.Default };
        var json = false;
        var markdown = false;
        try
        {
            foreach (var arg in args.Skip(1))
            {
                if (arg == "--json")
                {
                    json = true;
                }
                else if (arg == "--markdown")
                {
                    markdown = true;
                }
                else if (arg.StartsWith("--trace=", StringComparison.Ordinal))
                {
                    var path = arg["--trace=".Length..];
                    var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal) : (IEnumerable<string>)[path];
                    foreach (var file in files)
                    {
                        traces.Add(TraceFile.Read(await File.ReadAllTextAsync(file)));
                    }
                }
                else if (arg.StartsWith("--layer=", StringComparison.Ordinal))
                {
                    protocols.Add(ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, await File.ReadAllTextAsync(arg["--layer=".Length..])));
                }
                else
                {
                    await Console.Error.WriteLineAsync("usage: ThuisMonitoring.Host replay [--trace=<file or folder>]... [--layer=<draft layer.json>]... [--json|--markdown]");
                    return 2;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or JsonException or ProtocolDocumentException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"replay: {exception.Message}");
            return 2;
        }

        if (traces.Count == 0)
        {
            traces.AddRange(TraceGenerator.Library());
        }

        var reports = protocols.Select(p => ProtocolReplay.Run(p, traces)).ToList();
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(reports, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            return 0;
        }

        if (markdown)
        {
            await output.WriteAsync(ReplayFiguresTable.Write(reports));
            return 0;
        }

        foreach (var report in reports)
        {
            await WriteAsync(report, output);
        }

        return 0;
    }

    private static async Task WriteAsync(ReplayReport report, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c, $"protocol {report.ProtocolId}: {report.Traces.Count} traces, {report.PatientDays * 24:0.##} patient-hours"));
        await output.WriteLineAsync(string.Create(c, $"  alerts {report.Alerts} ({report.AlertsPerPatientDay:0.##} per patient-day; on stable traces {report.StableAlertsPerPatientDay:0.##}), false {report.FalseAlerts}"));
        await output.WriteLineAsync(string.Create(c, $"  detected {report.Detected} of {report.Labelled} labelled deteriorations, median time to escalate {Seconds(report.MedianSecondsToEscalate)}"));
        await output.WriteLineAsync("  | rule | alerts | per patient-day | false | detected | sensitivity | median time to escalate |");
        await output.WriteLineAsync("  |---|---|---|---|---|---|---|");
        foreach (var rule in report.Rules)
        {
            await output.WriteLineAsync(string.Create(c,
                $"  | {rule.Reason} | {rule.Alerts} | {rule.AlertsPerPatientDay:0.##} | {rule.FalseAlerts} | {rule.Detected}/{rule.Labelled} | {(rule.Sensitivity is { } s ? s.ToString("0.##", c) : "-")} | {Seconds(rule.MedianSecondsToEscalate)} |"));
        }

        foreach (var trace in report.Traces)
        {
            var detections = string.Join(", ", trace.Detections.Select(d => d.SecondsToEscalate is { } s ? $"{d.Expected.Reason} after {s} s{(d.Detected ? string.Empty : " (late)")}" : $"{d.Expected.Reason} MISSED"));
            await output.WriteLineAsync($"  {trace.Trace}: {trace.Alerts.Count} alerts{(detections.Length > 0 ? "; " + detections : string.Empty)}");
        }

        await output.WriteLineAsync();
    }

    private static string Seconds(double? seconds) => seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:0.#} s") : "-";
}
