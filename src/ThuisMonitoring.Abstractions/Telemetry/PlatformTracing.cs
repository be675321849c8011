using System.Diagnostics;

namespace ThuisMonitoring.Abstractions.Telemetry;

/// <summary>
/// The platform's one trace source (<c>ThuisMonitoring</c>): a measurement's trace starts at the MQTT publish
/// (<c>mqtt publish</c>), follows the grain call through Orleans' own activities and ends at the push of the alert to
/// the consoles (<c>signalr push</c>). Spans carry ids (device, patient, alert), never clinical values or names.
/// </summary>
public static class PlatformTracing
{
    public const string SourceName = "ThuisMonitoring";

    public static ActivitySource Source { get; } = new(SourceName);
}
