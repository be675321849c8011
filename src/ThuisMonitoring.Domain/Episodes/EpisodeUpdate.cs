using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Episodes;

/// <summary>What recording one measurement did: its evaluation (null once the episode ended), the alerts raised or changed, and the feedback for the patient.</summary>
public sealed record EpisodeUpdate(Evaluation? Evaluation, IReadOnlyList<Alert> ChangedAlerts, PatientFeedback Feedback);
