using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;

namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>
/// What one <see cref="PatientMonitor"/> call decided, for the host to carry out in this order: store the
/// <see cref="Flags"/>, queue the <see cref="Notices"/> (before saving: a crash in between sends one twice, never not
/// at all), save as <see cref="Save"/> says, then publish the <see cref="ChangedAlerts"/> and the
/// <see cref="ReEscalated"/> alerts to the consoles. <see cref="Feedback"/> is what the patient is told (measurements only).
/// </summary>
public sealed record MonitorOutcome(
    IReadOnlyList<Alert> ChangedAlerts,
    IReadOnlyList<ClinicalAdvice> Advice,
    IReadOnlyList<Notice> Notices,
    PatientFeedback? Feedback,
    DeviceFlags? Flags,
    MonitorSave Save)
{
    /// <summary>Nothing happened and nothing needs saving.</summary>
    public static MonitorOutcome Nothing { get; } = new([], [], [], null, null, MonitorSave.None);

    /// <summary>Unclaimed alerts raised again: published as changed and as re-escalated (not also in <see cref="ChangedAlerts"/>).</summary>
    public IReadOnlyList<Alert> ReEscalated { get; init; } = [];

    /// <summary>The episode is no longer active: the host stops its watch (reminder).</summary>
    public bool EndsWatch { get; init; }
}
