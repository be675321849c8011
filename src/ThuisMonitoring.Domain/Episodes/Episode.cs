using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Timeline;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Schedules;

namespace ThuisMonitoring.Domain.Episodes;

/// <summary>
/// One patient's monitoring episode: the enrolment, the oxygen prescription, the last values and the alerts.
/// Every measurement is evaluated against the effective protocol; an ended episode stores but never alerts.
/// </summary>
public sealed class Episode
{
    private readonly AlertBook _alerts;
    private readonly List<ClinicalAdvice> _advice;
    private readonly List<EpisodeTransition> _transitions;
    private readonly PatientTimeline _timeline;
    private readonly CareHandoverBook _handovers;

    public Episode(EpisodeSnapshot snapshot)
    {
        Enrolment = snapshot.Enrolment;
        State = snapshot.State;
        OxygenFlow = snapshot.OxygenFlow;
        LastLevel = snapshot.LastLevel;
        LastMeasurement = snapshot.LastMeasurement;
        LastNews2Score = snapshot.LastNews2Score;
        _timeline = new PatientTimeline((snapshot.Timeline ?? []).Concat(snapshot.UnstoredTimeline ?? []));
        _alerts = new AlertBook(snapshot.Alerts, _timeline.AlertChanged);
        History = snapshot.History ?? VitalHistory.Empty;
        ConsecutiveMisses = snapshot.ConsecutiveMisses;
        LastDueChecked = snapshot.LastDueChecked;
        OxygenFlowSince = snapshot.OxygenFlowSince ?? snapshot.Enrolment.EnrolledAt;
        PreviousOxygenFlow = snapshot.PreviousOxygenFlow;
        _advice = snapshot.Advice?.ToList() ?? [];
        _transitions = snapshot.Transitions?.ToList() ?? [];
        Eligibility = snapshot.Eligibility;
        _handovers = new CareHandoverBook(snapshot.Handovers);
    }

    public static Episode Start(Enrolment enrolment) => new(new EpisodeSnapshot(
        enrolment, EpisodeState.Monitoring, enrolment.OxygenFlow, Level.Green, null, null, []));

    /// <summary>What the episode started with; the responsible clinician changes with an accepted handover.</summary>
    public Enrolment Enrolment { get; private set; }

    /// <summary>The clinician medically responsible now (hoofdbehandelaar): escalations go to them.</summary>
    public string ResponsibleClinician => Enrolment.ResponsibleClinician;

    /// <summary>Every handover of responsibility in this episode, oldest first.</summary>
    public IReadOnlyList<CareHandover> Handovers => _handovers.All;

    public EpisodeState State { get; private set; }

    public double OxygenFlow { get; private set; }

    public Level LastLevel { get; private set; }

    public Measurement? LastMeasurement { get; private set; }

    public int? LastNews2Score { get; private set; }

    public AlertBook Alerts => _alerts;

    /// <summary>
    /// The steps taken with this patient (alerts, calls, escalations, notes, oxygen changes, transitions) that its host
    /// has not yet appended to the timeline store; the whole timeline is read from the store.
    /// </summary>
    public PatientTimeline Timeline => _timeline;

    /// <summary>The recent evaluated measurements the trend rules need (baseline, exertion, weaning).</summary>
    public VitalHistory History { get; private set; }

    /// <summary>How many scheduled measurements in a row were missed (0 after one was met).</summary>
    public int ConsecutiveMisses { get; private set; }

    /// <summary>The last due time decided by <see cref="CheckDue"/>, so a reminder that fires twice decides once.</summary>
    public DateTimeOffset? LastDueChecked { get; private set; }

    /// <summary>Since when the current flow is prescribed (the enrolment, or the last change).</summary>
    public DateTimeOffset OxygenFlowSince { get; private set; }

    /// <summary>The flow prescribed before the current one; null while the enrolment flow stands.</summary>
    public double? PreviousOxygenFlow { get; private set; }

    /// <summary>Every piece of advice proposed in this episode, with the clinician's decision.</summary>
    public IReadOnlyList<ClinicalAdvice> Advice => _advice;

    /// <summary>Every state change, oldest first.</summary>
    public IReadOnlyList<EpisodeTransition> Transitions => _transitions;

    /// <summary>The early-discharge (or emergency-department) eligibility check stored at enrolment; it warns, never blocks.</summary>
    public EligibilityResult? Eligibility { get; private set; }

    /// <summary>The measurement schedule of this episode under the protocol.</summary>
    public MeasurementSchedule Schedule(ProtocolDocument protocol) => MeasurementSchedule.For(EffectiveProtocol(protocol), Enrolment);

    public bool IsActive => State is EpisodeState.Monitoring or EpisodeState.Weaning;

    /// <summary>The traffic light: the highest of the last evaluation and any alert not yet resolved.</summary>
    public Level Level
    {
        get
        {
            var level = LastLevel;
            foreach (var alert in _alerts.Active)
            {
                if (alert.Level > level)
                {
                    level = alert.Level;
                }
            }

            return level;
        }
    }

    /// <summary>The protocol with this patient's overrides applied.</summary>
    public ProtocolDocument EffectiveProtocol(ProtocolDocument basis) =>
        Enrolment.Thresholds?.MaxHomeOxygenFlow is { } max ? basis with { MaxHomeOxygenFlow = max } : basis;

    /// <summary>Records a measurement: evaluates it (while the episode is active) and raises or updates alerts.</summary>
    public EpisodeUpdate Record(Measurement measurement, ProtocolDocument protocol, DateTimeOffset now, Func<string> newAlertId)
    {
        if (LastMeasurement is null || measurement.MeasuredAt >= LastMeasurement.MeasuredAt)
        {
            LastMeasurement = measurement;
        }

        if (!IsActive)
        {
            return new EpisodeUpdate(null, [], PatientFeedback.EpisodeEnded);
        }

        var effective = EffectiveProtocol(protocol);
        var evaluation = ProtocolEvaluator.Evaluate(measurement, effective, new OxygenPrescription(OxygenFlow), History);
        History = History.Add(measurement, OxygenFlow, evaluation.Level, VitalHistory.HorizonOf(effective));
        if (ReferenceEquals(LastMeasurement, measurement))
        {
            LastLevel = evaluation.Level;
            LastNews2Score = evaluation.News2Score;
        }

        var changed = _alerts.Apply(evaluation, Enrolment.PatientId, now, newAlertId);
        return new EpisodeUpdate(evaluation, changed, PatientFeedback.For(evaluation.Level));
    }

    /// <summary>
    /// A trusted sample of a continuous meter (its evaluation is the <see cref="Continuous.ContinuousEvaluator"/>'s):
    /// it becomes the last value, and at most one sample a minute joins the history, so the schedule, baseline and
    /// advice rules see a continuously monitored patient as measured. Never alerts by itself.
    /// </summary>
    public void ObserveSample(Measurement sample, Level sustainedLevel, ProtocolDocument protocol)
    {
        if (LastMeasurement is null || sample.MeasuredAt >= LastMeasurement.MeasuredAt)
        {
            LastMeasurement = sample;
        }

        if (History.LastMeasuredAt is { } last && sample.MeasuredAt - last < ContinuousHistoryInterval)
        {
            return;
        }

        History = History.Add(sample, OxygenFlow, sustainedLevel, VitalHistory.HorizonOf(EffectiveProtocol(protocol)));
    }

    /// <summary>How often a continuous meter's samples join the history (1 Hz would flood its 512 records).</summary>
    public static readonly TimeSpan ContinuousHistoryInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Applies an evaluation made outside <see cref="Record"/>: the sustained level of a continuous meter, the device
    /// watch (<c>device-silent</c>, <c>battery-low</c>) or a missed measurement. An episode that is not active never alerts.
    /// </summary>
    public EpisodeUpdate Apply(Evaluation evaluation, DateTimeOffset now, Func<string> newAlertId)
    {
        if (!IsActive)
        {
            return new EpisodeUpdate(null, [], PatientFeedback.EpisodeEnded);
        }

        if (evaluation.Measurement.HasContent)
        {
            // Vital signs (a continuous meter's sustained values) set the last level; device and schedule findings only alert.
            LastLevel = evaluation.Level;
            LastNews2Score = evaluation.News2Score;
        }

        var changed = _alerts.Apply(evaluation, Enrolment.PatientId, now, newAlertId);
        return new EpisodeUpdate(evaluation, changed, PatientFeedback.For(Level));
    }

    /// <summary>
    /// Decides whether the measurement due at <paramref name="dueAt"/> was received; call it at or after the end of the
    /// grace period (<see cref="MissedMeasurementRule.DecideAt"/>). A miss raises <c>measurement-missed</c>, red on the
    /// second in a row. Deciding the same or an earlier due time again does nothing; an inactive episode never alerts.
    /// </summary>
    public EpisodeUpdate CheckDue(DateTimeOffset dueAt, ProtocolDocument protocol, DateTimeOffset now, Func<string> newAlertId)
    {
        var effective = EffectiveProtocol(protocol);
        if (!IsActive || (LastDueChecked is { } last && dueAt <= last) || now < MissedMeasurementRule.DecideAt(dueAt, effective.Schedule))
        {
            return new EpisodeUpdate(null, [], IsActive ? PatientFeedback.For(Level) : PatientFeedback.EpisodeEnded);
        }

        var history = History;
        var received = Enumerable.Range(0, history.Count).Select(i => history.EntryAt(i).MeasuredAt);
        if (LastMeasurement is { } lastMeasurement)
        {
            received = received.Append(lastMeasurement.MeasuredAt);
        }

        var decision = MissedMeasurementRule.Decide(dueAt, received, ConsecutiveMisses, effective);
        ConsecutiveMisses = decision.ConsecutiveMisses;
        LastDueChecked = dueAt;
        if (decision.Evaluation is not { } evaluation)
        {
            return new EpisodeUpdate(null, [], PatientFeedback.For(Level));
        }

        var changed = _alerts.Apply(evaluation, Enrolment.PatientId, now, newAlertId);
        return new EpisodeUpdate(evaluation, changed, PatientFeedback.For(Level));
    }

    /// <summary>The responsible clinician changed the prescription; the trend rules start counting from now.</summary>
    public void ChangeOxygenFlow(double flowLitresPerMinute, DateTimeOffset now, string? by = null)
    {
        if (flowLitresPerMinute < MeasurementRanges.OxygenFlow.Min || flowLitresPerMinute > MeasurementRanges.OxygenFlow.Max)
        {
            throw new ArgumentOutOfRangeException(nameof(flowLitresPerMinute), flowLitresPerMinute, "An oxygen flow is 0-15 L/min.");
        }

        if (flowLitresPerMinute == OxygenFlow)
        {
            return;
        }

        PreviousOxygenFlow = OxygenFlow;
        OxygenFlow = flowLitresPerMinute;
        OxygenFlowSince = now;
        _timeline.Add(now, TimelineKinds.OxygenChanged, by, details: new Dictionary<string, string>
        {
            ["from"] = PreviousOxygenFlow.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = flowLitresPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>A free-text note by a nurse or clinician in the patient's timeline.</summary>
    public TimelineEntry AddNote(string by, string text, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return _timeline.Add(now, TimelineKinds.Note, by, text: text.Trim());
    }

    /// <summary>
    /// An intake request to a district-nursing team, or the team's answer, in the patient's timeline (issue 16): the
    /// request by its sender, the answer by the team's coordinator; the team, need and answer as details.
    /// </summary>
    public TimelineEntry RecordIntake(DistrictNursing.IntakeRequest intake, string teamName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var answered = intake.Status != DistrictNursing.IntakeStatus.Requested;
        var details = new Dictionary<string, string>
        {
            ["intakeId"] = intake.IntakeId,
            ["teamId"] = intake.TeamId,
            ["team"] = teamName,
            ["status"] = DistrictNursing.IntakeStatusNames.ToCode(intake.Status),
        };
        return _timeline.Add(now,
            intake.Status switch
            {
                DistrictNursing.IntakeStatus.Accepted => TimelineKinds.IntakeAccepted,
                DistrictNursing.IntakeStatus.Declined => TimelineKinds.IntakeDeclined,
                _ => TimelineKinds.IntakeRequested,
            },
            answered ? intake.AnsweredBy : intake.RequestedBy,
            text: answered ? intake.AnswerNote : intake.Need,
            details: details);
    }

    /// <summary>
    /// The nurse's call about one of the alerts (see <see cref="AlertBook.RecordCall"/>); an escalation goes to the
    /// responsible clinician of the enrolment, with the call rules of the patient's effective protocol.
    /// </summary>
    public Alert RecordCall(string alertId, CallReport report, ProtocolDocument protocol, DateTimeOffset now, Func<string> newCallId) =>
        _alerts.RecordCall(alertId, report, EffectiveProtocol(protocol).Calls, Enrolment.ResponsibleClinician, now, newCallId);

    /// <summary>Unclaimed alerts that waited too long, raised again (see <see cref="AlertBook.ReEscalateUnclaimed"/>).</summary>
    public IReadOnlyList<Alert> ReEscalateUnclaimed(ProtocolDocument protocol, DateTimeOffset now) =>
        _alerts.ReEscalateUnclaimed(EffectiveProtocol(protocol).Calls, now);

    /// <summary>The call scripts for an alert's reasons.</summary>
    public IReadOnlyList<CallScript> CallScriptsFor(string alertId, ProtocolDocument protocol) =>
        EffectiveProtocol(protocol).Calls.ScriptsFor(
            (_alerts.Find(alertId) ?? throw new AlertTransitionException($"Alert {alertId} does not exist.")).Reasons);

    /// <summary>
    /// The scheduled measurement due next: the first due time whose grace period has not passed and that no measurement
    /// has met yet (it may lie in the past: overdue). Null once the episode has ended.
    /// </summary>
    public DateTimeOffset? NextMeasurementDue(ProtocolDocument protocol, DateTimeOffset now)
    {
        if (!IsActive)
        {
            return null;
        }

        return Schedule(protocol).NextUnmet(now, EffectiveProtocol(protocol).Schedule.Grace, LastMeasurement?.MeasuredAt);
    }

    /// <summary>Whether the protocol asks this patient for the 1-minute sit-to-stand test now (<see cref="ExertionTestRules"/>).</summary>
    public bool AsksExertionTest(ProtocolDocument protocol) =>
        EffectiveProtocol(protocol).ExertionTest.IsAsked(Enrolment.Pathway, IsActive, LastMeasurement, LastLevel);

    /// <summary>Stores the eligibility check made at enrolment.</summary>
    public void RecordEligibility(EligibilityResult result) => Eligibility = result;

    /// <summary>
    /// Runs the advice rules and adds what is new: no second open advice of a kind, a review only once per episode,
    /// and a rejected weaning or end proposal not again until the protocol's hold time has passed. Returns the new advice.
    /// </summary>
    /// <remarks>
    /// The rules run only when something they depend on changed (history, prescription, advice, state, protocol) or
    /// an instant passed at which their outcome could change by time alone (<see cref="AdviceRules.NextChange"/>, a
    /// rejection's hold time): the grain asks after every sample, and a 1 Hz stream would otherwise run them every
    /// second. Between those moments they would propose nothing new, so the answer is the same.
    /// </remarks>
    public IReadOnlyList<ClinicalAdvice> Advise(ProtocolDocument protocol, DateTimeOffset now, Func<string> newAdviceId)
    {
        if (!IsActive)
        {
            return [];
        }

        var inputs = new AdviceInputs(History, OxygenFlow, OxygenFlowSince, PreviousOxygenFlow, Enrolment.Pathway, Enrolment.EnrolledAt,
            protocol, Enrolment.Thresholds?.MaxHomeOxygenFlow, _advice.Count);
        if (_adviceCheck is { } check && check.Inputs == inputs && now >= check.At && now < check.Until)
        {
            return [];
        }

        return AdviseNow(protocol, now, newAdviceId, inputs);
    }

    // The rules' run itself, apart from the check above, so its closure is only allocated when the rules do run.
    private List<ClinicalAdvice> AdviseNow(ProtocolDocument protocol, DateTimeOffset now, Func<string> newAdviceId, AdviceInputs inputs)
    {
        var effective = EffectiveProtocol(protocol);
        var facts = new AdviceFacts(History, OxygenFlow, OxygenFlowSince, PreviousOxygenFlow, Enrolment.Pathway, Enrolment.EnrolledAt);
        var added = new List<ClinicalAdvice>();
        bool Blocked(AdviceKind kind)
        {
            var once = kind is AdviceKind.ResponsibilityReview or AdviceKind.EpisodeReview;
            foreach (var a in _advice)
            {
                if (a.Kind == kind && (a.IsOpen || once
                    || (a.DecidedAt is { } decided && now - decided < effective.Weaning.HoldAtLeast && a.ProposedAt >= OxygenFlowSince)))
                {
                    return true;
                }
            }

            return false;
        }

        // A kind that could not be added (one open already, a review given, a rejection too recent) is not worked out.
        foreach (var proposal in AdviceRules.Propose(facts, effective, now, kind => !Blocked(kind)))
        {
            if (Blocked(proposal.Kind))
            {
                continue;
            }

            var advice = new ClinicalAdvice(newAdviceId(), proposal.Kind, proposal.Reason, proposal.Summary, AdviceEvidence.Of(proposal.Evidence), proposal.ProposedFlow, now);
            _advice.Add(advice);
            added.Add(advice);
        }

        var until = AdviceRules.NextChange(facts, effective, now);
        foreach (var advice in _advice)
        {
            // A rejected proposal may come back once its hold time has passed.
            if (advice.DecidedAt is { } decided && decided + effective.Weaning.HoldAtLeast is var free && free > now && free < until)
            {
                until = free;
            }
        }

        _adviceCheck = new AdviceCheck(inputs with { AdviceCount = _advice.Count }, now, until);
        return added;
    }

    // When the advice rules last ran, on what, and until when their outcome stands (see Advise).
    private AdviceCheck? _adviceCheck;

    private sealed record AdviceCheck(AdviceInputs Inputs, DateTimeOffset At, DateTimeOffset Until);

    private readonly record struct AdviceInputs(
        VitalHistory History, double OxygenFlow, DateTimeOffset OxygenFlowSince, double? PreviousOxygenFlow, Pathway Pathway,
        DateTimeOffset EnrolledAt, ProtocolDocument Protocol, double? MaxHomeOxygenFlow, int AdviceCount)
    {
        // By reference where the value is an object: a new history or protocol is a change (comparing their contents would cost what is saved).
        public bool Equals(AdviceInputs other) =>
            ReferenceEquals(History, other.History) && OxygenFlow.Equals(other.OxygenFlow) && OxygenFlowSince == other.OxygenFlowSince
            && Nullable.Equals(PreviousOxygenFlow, other.PreviousOxygenFlow) && Pathway == other.Pathway && EnrolledAt == other.EnrolledAt
            && ReferenceEquals(Protocol, other.Protocol) && Nullable.Equals(MaxHomeOxygenFlow, other.MaxHomeOxygenFlow) && AdviceCount == other.AdviceCount;

        public override int GetHashCode() => HashCode.Combine(OxygenFlowSince, AdviceCount);
    }

    /// <summary>A clinician accepts or rejects advice; recorded, never applied (the prescription changes only by <see cref="ChangeOxygenFlow"/>).</summary>
    public ClinicalAdvice DecideAdvice(string adviceId, bool accept, string by, string? note, DateTimeOffset now)
    {
        var index = _advice.FindIndex(a => a.AdviceId == adviceId);
        if (index < 0)
        {
            throw new EpisodeTransitionException($"Advice {adviceId} does not exist in the episode of {Enrolment.PatientId}.");
        }

        if (!_advice[index].IsOpen)
        {
            throw new EpisodeTransitionException($"Advice {adviceId} was already {_advice[index].Status.ToString().ToLowerInvariant()} by {_advice[index].DecidedBy}.");
        }

        _adviceCheck = null;
        _advice[index] = _advice[index] with
        {
            Status = accept ? AdviceStatus.Accepted : AdviceStatus.Rejected,
            DecidedBy = by,
            DecidedAt = now,
            Note = note,
        };
        _timeline.Add(now, TimelineKinds.AdviceDecided, by, text: note, details: new Dictionary<string, string>
        {
            ["kind"] = _advice[index].Kind.ToCode(),
            ["decision"] = accept ? "accepted" : "rejected",
        });
        return _advice[index];
    }

    /// <summary>
    /// Moves the episode to <paramref name="to"/>, recording who and why; refuses a change the lifecycle does not
    /// allow with <see cref="EpisodeTransitionException"/>. After ended or readmitted, measurements are stored but never alert.
    /// </summary>
    public EpisodeTransition Transition(EpisodeState to, string by, string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(by) || string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A change of episode state needs who decided it and why.");
        }

        if (!EpisodeLifecycle.Allows(State, to))
        {
            var allowed = EpisodeLifecycle.From(State);
            var options = allowed.Count == 0 ? "it is final" : "it can go to " + string.Join(" or ", allowed.Select(s => s.ToCode()));
            throw new EpisodeTransitionException(
                $"The episode of {Enrolment.PatientId} is {State.ToCode()} and cannot become {to.ToCode()}: {options}.");
        }

        var transition = new EpisodeTransition(State, to, by, reason, now);
        State = to;
        _transitions.Add(transition);
        _timeline.Add(now, TimelineKinds.EpisodeState, by, text: reason, details: new Dictionary<string, string>
        {
            ["from"] = transition.From.ToCode(),
            ["to"] = to.ToCode(),
        });
        return transition;
    }

    /// <summary>The patient's thresholds (protocol layer) were changed; the reason goes into the timeline.</summary>
    public TimelineEntry RecordThresholdChange(string by, string reason, string protocolId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return _timeline.Add(now, TimelineKinds.ThresholdsChanged, by, text: reason.Trim(), details: new Dictionary<string, string> { ["protocolId"] = protocolId });
    }

    /// <summary>
    /// The responsible clinician starts a warm handover to <paramref name="to"/> (see <see cref="CareHandoverBook"/>);
    /// nothing changes until the receiver accepts. Refused with <see cref="CareHandoverException"/>.
    /// </summary>
    public CareHandover RequestHandover(string handoverId, string by, string to, string? note, DateTimeOffset now)
    {
        var handover = _handovers.Request(handoverId, ResponsibleClinician, by, to, note, IsActive, now);
        _timeline.Add(now, TimelineKinds.CareHandoverRequested, by, text: handover.Note, details: new Dictionary<string, string>
        {
            ["handoverId"] = handover.HandoverId,
            ["from"] = handover.From,
            ["to"] = handover.To,
        });
        return handover;
    }

    /// <summary>
    /// The receiver accepts or declines a handover. On acceptance they become the responsible clinician, and escalations
    /// still waiting for the former one are re-addressed to them (returned in <c>ChangedAlerts</c>), so no case is left
    /// with a clinician who no longer sees the patient.
    /// </summary>
    public (CareHandover Handover, IReadOnlyList<Alert> ChangedAlerts) DecideHandover(string handoverId, bool accept, string by, string? note, DateTimeOffset now)
    {
        var handover = _handovers.Decide(handoverId, accept, by, note, now);
        IReadOnlyList<Alert> changed = [];
        if (accept)
        {
            Enrolment = Enrolment with { ResponsibleClinician = handover.To };
            changed = _alerts.ReaddressEscalations(handover.From, handover.To, now);
        }

        _timeline.Add(now, accept ? TimelineKinds.CareHandoverAccepted : TimelineKinds.CareHandoverDeclined, by, text: handover.DecisionNote,
            details: new Dictionary<string, string>
            {
                ["handoverId"] = handover.HandoverId,
                ["from"] = handover.From,
                ["to"] = handover.To,
            });
        return (handover, changed);
    }

    /// <summary>
    /// Compensates a handover step the platform could not complete (CareHandoverEndpoints: the directory or the register
    /// refused the write): a request is withdrawn; an acceptance is taken back, responsibility and the re-addressed
    /// escalations return to the sender, and the handover waits again. Recorded in the timeline. Returns the escalations
    /// re-addressed back.
    /// </summary>
    public IReadOnlyList<Alert> UndoHandover(string handoverId, string reason, DateTimeOffset now)
    {
        var undone = _handovers.Undo(handoverId);
        IReadOnlyList<Alert> changed = [];
        if (undone.Status == CareHandoverStatus.Accepted)
        {
            Enrolment = Enrolment with { ResponsibleClinician = undone.From };
            changed = _alerts.ReaddressEscalations(undone.To, undone.From, now);
        }

        _timeline.Add(now, TimelineKinds.CareHandoverUndone, "system", text: reason, details: new Dictionary<string, string>
        {
            ["handoverId"] = undone.HandoverId,
            ["from"] = undone.From,
            ["to"] = undone.To,
            ["undone"] = undone.Status.ToCode(),
        });
        return changed;
    }

    /// <summary>
    /// The patient withdrew their consent to telemonitoring: recorded in the timeline, and an active episode ends
    /// (monitoring without consent is not allowed). Returns the transition, or null when the episode had already ended.
    /// </summary>
    public EpisodeTransition? WithdrawConsent(string by, string? reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        _timeline.Add(now, TimelineKinds.ConsentWithdrawn, by, text: text);
        return IsActive ? Transition(EpisodeState.Ended, by, "consent withdrawn" + (text is null ? string.Empty : ": " + text), now) : null;
    }

    public EpisodeSnapshot ToSnapshot() =>
        new(Enrolment, State, OxygenFlow, LastLevel, LastMeasurement, LastNews2Score, _alerts.All.ToList(), History,
            ConsecutiveMisses, LastDueChecked, OxygenFlowSince, PreviousOxygenFlow, _advice.ToList(), _transitions.ToList(), Eligibility,
            null, _handovers.All.ToList(), _timeline.Entries.ToList());
}
