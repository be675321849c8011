using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Grains.Contracts;

/// <summary>
/// One grain per patient (key: patientId). Hosts the patient's <see cref="Episode"/>: evaluates every
/// measurement against the protocol and owns the patient's alerts.
/// </summary>
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>Starts the episode. Enrolling an already enrolled patient is refused.</summary>
    Task Enrol(Enrolment enrolment);

    /// <summary>The episode as it is now; null when the patient was never enrolled.</summary>
    Task<EpisodeSnapshot?> GetEpisode();

    /// <summary>
    /// Evaluates accepted (already durably stored) measurements of one device message, in order;
    /// returns the feedback for the patient on the last one. <paramref name="deviceId"/> names the device that sent them
    /// (one continuous stream per device); without it the source stands in for the device.
    /// </summary>
    Task<PatientFeedback> Record(IReadOnlyList<Measurement> measurements, DeviceKind source, string? deviceId = null);

    /// <summary>
    /// A device message that arrived again after its measurements were stored (the store calls them duplicates): the
    /// device resends when it was not acknowledged, e.g. because the evaluation after the store failed. Evaluates what
    /// this episode has not evaluated yet (<see cref="Domain.Monitoring.Redelivery"/>; measured after the last
    /// measurement: everything the store holds after it, in time order) and changes nothing for what it has. Returns
    /// the feedback on the device's last evaluated measurement; null when nothing was evaluated (or not enrolled).
    /// </summary>
    Task<PatientFeedback?> Redeliver(IReadOnlyList<Measurement> measurements, DeviceKind source, string deviceId);

    /// <summary>
    /// Saves the episode now when its last values changed since the last save (they are otherwise saved in batches):
    /// a host that stops gracefully asks every active patient, so the next host has nothing to catch up.
    /// </summary>
    Task SaveLastValues();

    Task<Alert> Acknowledge(string alertId, string by);

    Task<Alert> Resolve(string alertId, string by, string outcome, string? note);

    /// <summary>A nurse takes the alert; throws <see cref="AlertTransitionException"/> when a colleague holds it or it is resolved.</summary>
    Task<Alert> Claim(string alertId, string by);

    /// <summary>The claimer releases the alert back to the queue.</summary>
    Task<Alert> Unclaim(string alertId, string by);

    /// <summary>The claimer hands the alert to colleague <paramref name="to"/> (a username, checked by the caller).</summary>
    Task<Alert> HandOver(string alertId, string by, string to);

    /// <summary>
    /// The nurse reports a call about the alert (implies claiming it; refused with <see cref="AlertTransitionException"/>
    /// when a colleague holds it or it is resolved). Resolved at home and emergency referral resolve the alert; escalated
    /// sends it to the responsible clinician; unreachable releases it with a retry time; re-measure keeps it claimed with
    /// a call-back time. Escalations and referrals are also sent through the notification hook.
    /// </summary>
    Task<Alert> RecordCall(string alertId, CallReport report);

    /// <summary>The responsible clinician takes over an escalated alert, which resolves it; refused when not pending.</summary>
    Task<Alert> AcceptEscalation(string alertId, string by, string? note);

    /// <summary>
    /// Raises again every active alert that has waited unclaimed longer than the protocol allows (to all consoles and
    /// to the shift lead through the notification hook); returns those alerts. Called periodically by the host.
    /// </summary>
    Task<IReadOnlyList<Alert>> ReEscalateUnclaimed();

    /// <summary>The call scripts for the alert's reasons, from the patient's effective protocol.</summary>
    Task<IReadOnlyList<CallScript>> GetCallScripts(string alertId);

    /// <summary>
    /// The patient asks to be called (the app's "Bel mij"): an orange <c>call-requested</c> alert, the patient's note in
    /// the timeline. Null when the episode is not active (nothing is raised).
    /// </summary>
    Task<Alert?> RequestCall(string? note);

    /// <summary>A free-text note in the patient's timeline.</summary>
    Task<TimelineEntry> AddNote(string by, string text);

    /// <summary>An intake request to a district-nursing team, or its answer, in the timeline (issue 16).</summary>
    Task<TimelineEntry> RecordIntake(Domain.DistrictNursing.IntakeRequest intake, string teamName);

    /// <summary>The patient's whole timeline, oldest first, from the timeline store (a long episode: prefer <see cref="GetTimelinePage"/>).</summary>
    Task<IReadOnlyList<TimelineEntry>> GetTimeline();

    /// <summary>One page of the patient's timeline from the timeline store (<see cref="TimelineQuery"/>).</summary>
    Task<TimelinePage> GetTimelinePage(TimelineQuery query);

    /// <summary>When the next scheduled measurement is due (null when the episode has ended or was never started).</summary>
    Task<DateTimeOffset?> GetNextMeasurementDue();

    /// <summary>A device status message (battery %, sensor on/off): battery-low, and sensor state for continuous meters.</summary>
    Task RecordDeviceStatus(string deviceId, int? battery, bool? sensorOn);

    /// <summary>
    /// Sets the patient's protocol layer (a partial protocol document as JSON, see docs/protocol.md), validated against
    /// the organisation's protocol; refused with <see cref="Domain.Protocols.ProtocolDocumentException"/> when invalid.
    /// Returns the new effective protocol id. Audited (who, when, old → new).
    /// </summary>
    Task<string> SetProtocolLayer(string layerJson, string by);

    /// <summary>The effective protocol of this patient as a JSON document, with its combined id.</summary>
    Task<EffectiveProtocol> GetProtocol();

    /// <summary>Moves the episode (monitoring → weaning → ended; readmitted from any); refused with EpisodeTransitionException.</summary>
    Task<EpisodeTransition> Transition(EpisodeState to, string by, string reason);

    /// <summary>The responsible clinician changes the oxygen prescription (e.g. after accepting weaning advice).</summary>
    Task ChangeOxygenFlow(double flowLitresPerMinute, string by);

    /// <summary>The clinician accepts or rejects a piece of advice (weaning, end of monitoring, review); recorded, never automatic.</summary>
    Task<ClinicalAdvice> DecideAdvice(string adviceId, bool accept, string by, string? note);

    /// <summary>The patient withdrew consent: recorded in the timeline, an active episode ends and the watch stops.</summary>
    Task<EpisodeTransition?> WithdrawConsent(string by, string? reason);

    /// <summary>
    /// Erasure (AVG art. 17): clears the stored state (episode, alerts, timeline entries not yet stored, protocol layer; the timeline store erases its own part), stops the watch and
    /// deactivates; afterwards the patient is not enrolled. Idempotent.
    /// </summary>
    Task Erase();

    /// <summary>
    /// The patient's own thresholds (a protocol layer, as <see cref="SetProtocolLayer"/>) with the clinician's reason,
    /// which lands in the timeline. Returns the new effective protocol id.
    /// </summary>
    Task<string> ChangeThresholds(string layerJson, string by, string reason);

    /// <summary>The responsible clinician <paramref name="by"/> starts a warm handover to clinician <paramref name="to"/>; refused with CareHandoverException.</summary>
    Task<CareHandover> RequestHandover(string handoverId, string by, string to, string? note);

    /// <summary>The receiver accepts (becomes responsible; pending escalations follow) or declines; refused with CareHandoverException.</summary>
    Task<CareHandover> DecideHandover(string handoverId, bool accept, string by, string? note);

    /// <summary>Compensates a handover step the platform could not complete elsewhere: a request withdrawn, an acceptance taken back.</summary>
    Task UndoHandover(string handoverId, string reason);

    /// <summary>Checks early-discharge (or ED) eligibility on ward values; stored with the episode, a warning when not eligible.</summary>
    Task<EligibilityResult> CheckEligibility(EligibilityRequest request);
}

/// <summary>A patient's effective protocol: its combined id (default, organisation and patient layers) and the document.</summary>
[GenerateSerializer, Immutable]
public sealed record EffectiveProtocol([property: Id(0)] string ProtocolId, [property: Id(1)] string DocumentJson);
