using System.Diagnostics.Metrics;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Web.Auth;

namespace ThuisMonitoring.Host.Observability;

/// <summary>
/// Meter <c>ThuisMonitoring.Host</c>: <c>thuismonitoring.alerts.raised</c> (by level) and
/// <c>thuismonitoring.console.connections</c> (live SignalR connections of the consoles).
/// </summary>
public sealed class PlatformMeters : IDisposable
{
    public const string MeterName = "ThuisMonitoring.Host";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _raised;

    public PlatformMeters(HubSessions sessions)
    {
        _raised = _meter.CreateCounter<long>("thuismonitoring.alerts.raised", "{alert}", "Alerts raised (a new alert, not a further measurement counting towards one).");
        _meter.CreateObservableGauge("thuismonitoring.console.connections", () => sessions.Count, "{connection}", "Live SignalR connections of the consoles.");
    }

    public void Raised(Alert alert) =>
        _raised.Add(1, new KeyValuePair<string, object?>("level", alert.Level.ToAlertCode()));

    public void Dispose() => _meter.Dispose();
}
