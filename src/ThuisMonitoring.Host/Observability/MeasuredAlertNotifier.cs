using System.Diagnostics;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Telemetry;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Host.Observability;

/// <summary>
/// The consoles' alert notifier with telemetry: each push is a <c>signalr push</c> span (the end of a measurement's
/// trace when it raised or updated an alert), and an alert's first appearance (count 1, open, never updated) counts as
/// raised.
/// </summary>
internal sealed class MeasuredAlertNotifier(IAlertNotifier inner, PlatformMeters meters) : IAlertNotifier
{
    public async Task AlertChangedAsync(Alert alert, CancellationToken cancellationToken)
    {
        if (alert is { Count: 1, Status: AlertStatus.Open } && alert.UpdatedAt == alert.RaisedAt)
        {
            meters.Raised(alert);
        }

        using var activity = Start("signalr push alertChanged", alert);
        await inner.AlertChangedAsync(alert, cancellationToken);
    }

    public async Task AlertReEscalatedAsync(Alert alert, CancellationToken cancellationToken)
    {
        using var activity = Start("signalr push alertReEscalated", alert);
        await inner.AlertReEscalatedAsync(alert, cancellationToken);
    }

    private static Activity? Start(string name, Alert alert)
    {
        var activity = PlatformTracing.Source.StartActivity(name, ActivityKind.Producer);
        activity?.SetTag("thuismonitoring.alert", alert.AlertId);
        activity?.SetTag("thuismonitoring.patient", alert.PatientId);
        activity?.SetTag("thuismonitoring.alert.level", alert.Level.ToAlertCode());
        return activity;
    }
}
