using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.DistrictNursing;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>
/// The staff's commands on a patient's monitoring, each an entry point like the measurements and the tick: the
/// episode's transitions (weaning, end of monitoring, readmission, consent withdrawn), oxygen and advice decisions,
/// care handovers, notes and intake, threshold changes and the eligibility check. Each returns its result with one
/// <see cref="MonitorOutcome"/> (alerts that changed, save now, whether the watch ends) for the host to carry out.
/// </summary>
/// <remarks>
/// Every command changes the episode (its timeline at least), so each saves now. The host checks that the patient is
/// enrolled before calling; refusals are the episode's (<see cref="EpisodeTransitionException"/>,
/// <see cref="CareHandoverException"/>, <see cref="ArgumentException"/>).
/// </remarks>
public sealed partial class PatientMonitor
{
    private static readonly MonitorOutcome Saved = new([], [], [], null, null, MonitorSave.Now);

    /// <summary>
    /// Moves the episode to another state (<see cref="Episode.Transition"/>). After it the watch ends unless the episode
    /// is still active (weaning ↔ monitoring); the host keeps or stops its reminder by <see cref="MonitorOutcome.EndsWatch"/>.
    /// </summary>
    public MonitorOutcome<EpisodeTransition> Transition(EpisodeState to, string by, string reason, DateTimeOffset now)
    {
        var transition = RequireEpisode().Transition(to, by, reason, now);
        return new(transition, Saved with { EndsWatch = !NeedsWatch });
    }

    /// <summary>
    /// The patient withdrew consent (<see cref="Episode.WithdrawConsent"/>): recorded, an active episode ends, and the
    /// watch ends. The result is the transition, or null when the episode had already ended.
    /// </summary>
    public MonitorOutcome<EpisodeTransition?> WithdrawConsent(string by, string? reason, DateTimeOffset now)
    {
        var transition = RequireEpisode().WithdrawConsent(by, reason, now);
        return new(transition, Saved with { EndsWatch = !NeedsWatch });
    }

    /// <summary>The responsible clinician changed the oxygen prescription (<see cref="Episode.ChangeOxygenFlow"/>).</summary>
    public MonitorOutcome ChangeOxygenFlow(double flowLitresPerMinute, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        RequireEpisode().ChangeOxygenFlow(flowLitresPerMinute, now, by);
        return Saved;
    }

    /// <summary>A clinician accepts or rejects advice (weaning, end of monitoring, a review): recorded, never applied.</summary>
    public MonitorOutcome<ClinicalAdvice> DecideAdvice(string adviceId, bool accept, string by, string? note, DateTimeOffset now) =>
        new(RequireEpisode().DecideAdvice(adviceId, accept, by, note, now), Saved);

    /// <summary>The patient's thresholds (protocol layer <paramref name="protocolId"/>) were changed, for a reason.</summary>
    public MonitorOutcome<TimelineEntry> RecordThresholdChange(string by, string reason, string protocolId, DateTimeOffset now) =>
        new(RequireEpisode().RecordThresholdChange(by, reason, protocolId, now), Saved);

    /// <summary>The responsible clinician starts a warm handover; nothing changes until the receiver accepts.</summary>
    public MonitorOutcome<CareHandover> RequestHandover(string handoverId, string by, string to, string? note, DateTimeOffset now) =>
        new(RequireEpisode().RequestHandover(handoverId, by, to, note, now), Saved);

    /// <summary>
    /// The receiver accepts or declines a handover. On acceptance the escalations still waiting for the former
    /// clinician are re-addressed to the new one: the outcome's changed alerts, for the consoles.
    /// </summary>
    public MonitorOutcome<CareHandover> DecideHandover(string handoverId, bool accept, string by, string? note, DateTimeOffset now)
    {
        var (handover, changed) = RequireEpisode().DecideHandover(handoverId, accept, by, note, now);
        return new(handover, Saved with { ChangedAlerts = changed });
    }

    /// <summary>
    /// Takes back a handover step the platform could not complete (<see cref="Episode.UndoHandover"/>); escalations
    /// re-addressed back to the sender are the outcome's changed alerts.
    /// </summary>
    public MonitorOutcome UndoHandover(string handoverId, string reason, DateTimeOffset now) =>
        Saved with { ChangedAlerts = RequireEpisode().UndoHandover(handoverId, reason, now) };

    /// <summary>A free-text note by a nurse or clinician in the patient's timeline.</summary>
    public MonitorOutcome<TimelineEntry> AddNote(string by, string text, DateTimeOffset now) =>
        new(RequireEpisode().AddNote(by, text, now), Saved);

    /// <summary>An intake request to a district-nursing team, or the team's answer, in the patient's timeline.</summary>
    public MonitorOutcome<TimelineEntry> RecordIntake(IntakeRequest intake, string teamName, DateTimeOffset now) =>
        new(RequireEpisode().RecordIntake(intake, teamName, now), Saved);

    /// <summary>
    /// The early-discharge (or emergency-department) eligibility check on the ward's values, with the patient's
    /// effective protocol, stored with the episode; it warns, never blocks.
    /// </summary>
    public MonitorOutcome<EligibilityResult> CheckEligibility(EligibilityRequest request, ProtocolDocument protocol)
    {
        var episode = RequireEpisode();
        var result = EligibilityCheck.Check(request, episode.EffectiveProtocol(protocol));
        episode.RecordEligibility(result);
        return new(result, Saved);
    }
}
