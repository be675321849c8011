using System.Collections.Concurrent;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Domain.Alerts;

namespace ThuisMonitoring.Grains.Tests.Cluster;

/// <summary>Stands in for the SignalR push: keeps every alert change the grain published, in order.</summary>
public sealed class RecordingAlertNotifier : IAlertNotifier
{
    private readonly ConcurrentQueue<Alert> _pushed = new();

    public Task AlertChangedAsync(Alert alert, CancellationToken cancellationToken)
    {
        _pushed.Enqueue(alert);
        return Task.CompletedTask;
    }

    private readonly ConcurrentQueue<Alert> _reEscalated = new();

    public Task AlertReEscalatedAsync(Alert alert, CancellationToken cancellationToken)
    {
        _reEscalated.Enqueue(alert);
        return Task.CompletedTask;
    }

    /// <summary>The re-escalations pushed for one patient.</summary>
    public IReadOnlyList<Alert> ReEscalatedFor(string patientId) => _reEscalated.Where(a => a.PatientId == patientId).ToList();

    /// <summary>The changes pushed for one patient (tests share the silo, each with its own patients).</summary>
    public IReadOnlyList<Alert> PushedFor(string patientId) => _pushed.Where(a => a.PatientId == patientId).ToList();
}
