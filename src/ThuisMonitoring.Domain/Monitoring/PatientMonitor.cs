using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Schedules;

namespace ThuisMonitoring.Domain.Monitoring;

/// <summary>
/// All of one patient's monitoring state and the rules that connect its parts: the <see cref="Episode"/> (alerts,
/// last values, schedule, advice), the <see cref="ContinuousStreams"/> of the patient's meters and the
/// <see cref="DeviceWatch"/>. A host loads it, resolves the protocol, calls one entry point with its clock's time and
/// carries out the one <see cref="MonitorOutcome"/> it returns; the monitor does no I/O.
/// </summary>
/// <remarks>
/// <para>
/// Measurements (<see cref="Record"/>): the streams decide, per device, whether a measurement is a spot check (for
/// <see cref="Episode.Record"/>), the warm-up of a stream (flagged; last value, not evaluated) or a stream sample (the
/// device's <see cref="ContinuousEvaluator"/>: persistence windows, artefacts, hysteresis). Warm-up and artefact flags
/// go into the outcome for the measurement store. Only the last values changed: the save may be batched.
/// </para>
/// <para>
/// The watch (<see cref="Tick"/>): every due time whose grace period has passed is decided (after a long outage only
/// the newest <see cref="DueCatchUpLimit"/>), and a continuous meter silent for the protocol's time raises
/// <c>device-silent</c> once per silence.
/// </para>
/// <para>
/// Routing: an escalating call notifies the responsible clinician (an emergency referral as such); an unclaimed alert
/// raised again notifies the shift lead (<see cref="Notice"/>).
/// </para>
/// </remarks>
public sealed partial class PatientMonitor
{
    /// <summary>A host that was down for weeks decides at most this many due times on its first tick (the newest ones).</summary>
    public const int DueCatchUpLimit = 50;

    /// <summary>Who wrote a note the patient sent with a call request.</summary>
    public const string PatientAuthor = "patient";

    private readonly Func<string> _newId;
    // Let go of once the streams are made from it (issue 14: the saved windows are as large as the live ones).
    private ContinuousStreamsState? _savedStreams;
    private readonly DateTimeOffset? _savedSampleAt;
    private readonly DeviceWatch _watch = new();
    private readonly QuietPath _quiet = new();
    private ContinuousStreams? _streams;

    /// <summary>
    /// The monitor of a patient as saved: the episode snapshot (null before enrolment), the continuous streams and when
    /// a continuous meter last sent a sample. <paramref name="newId"/> makes alert and advice ids (a version 7 GUID when null).
    /// </summary>
    public PatientMonitor(
        EpisodeSnapshot? snapshot = null,
        ContinuousStreamsState? streams = null,
        DateTimeOffset? continuousSampleAt = null,
        Func<string>? newId = null)
    {
        Episode = snapshot is null ? null : new Episode(snapshot);
        _savedStreams = streams;
        _savedSampleAt = continuousSampleAt;
        _newId = newId ?? NewId;
    }

    /// <summary>The patient's episode; null before enrolment.</summary>
    public Episode? Episode { get; private set; }

    /// <summary>Whether the host keeps its watch (reminder) for this patient: while the episode is active.</summary>
    public bool NeedsWatch => Episode is { IsActive: true };

    /// <summary>When any continuous meter of the patient last sent a sample (saved, so a restart does not forget a silent meter).</summary>
    public DateTimeOffset? ContinuousSampleAt => _streams?.LastSampleAt ?? _savedSampleAt;

    /// <summary>The streams to save: as loaded until a measurement touched them.</summary>
    public ContinuousStreamsState? StreamsState => _streams?.ToState() ?? _savedStreams;

    /// <summary>The patient's devices besides their samples: sensor state, silence reported.</summary>
    public DeviceWatch Devices => _watch;

    private ContinuousStreams Streams
    {
        get
        {
            if (_streams is null)
            {
                _streams = new ContinuousStreams(_savedStreams);
                _savedStreams = null;
            }

            return _streams;
        }
    }

    /// <summary>Starts the episode; refused when the patient is already enrolled.</summary>
    public Episode Enrol(Enrolment enrolment)
    {
        if (Episode is not null)
        {
            throw new InvalidOperationException($"Patient {Episode.Enrolment.PatientId} is already enrolled.");
        }

        Episode = Episode.Start(enrolment);
        return Episode;
    }

    /// <summary>
    /// The measurements of one message of a device, in order: classified by the device's stream, evaluated, and the
    /// advice rules run. The outcome carries the feedback in the words of <paramref name="protocol"/>.
    /// </summary>
    public MonitorOutcome Record(IReadOnlyList<Measurement> measurements, DeviceKind source, string deviceId, ProtocolDocument protocol, DateTimeOffset now)
    {
        var episode = RequireEpisode();
        var feedback = episode.LastLevel;
        var changed = default(AlertChanges);
        var steps = Streams.Observe(
            deviceId, source, measurements, _watch.SensorOn(deviceId), _quiet.Effective(episode, protocol), _quiet.Prescription(episode.OxygenFlow));
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var update = step.Role == SampleRole.SpotCheck
                ? episode.Record(step.Measurement, protocol, now, _newId)
                : ObserveContinuous(episode, step, protocol, now);
            if (update is null)
            {
                continue;
            }

            feedback = update.Feedback.Level;
            changed.Add(update.ChangedAlerts);
        }

        var flags = FlagsOf(deviceId, steps);
        var advice = episode.Advise(protocol, now, _newId);
        var worded = _quiet.Worded(feedback, episode, protocol);
        if (changed.Count == 0 && advice.Count == 0 && flags is null)
        {
            // The steady state of a 1 Hz stream: the same outcome as the last quiet one (issue 14: nothing allocated).
            return _quiet.Outcome(worded);
        }

        var save = changed.Count == 0 && advice.Count == 0 ? MonitorSave.Batch : MonitorSave.Now;
        return new MonitorOutcome(changed.ToList(), advice, [], worded, flags, save);
    }

    /// <summary>
    /// A device's status message: its sensor state is remembered for its next samples (also before enrolment); a
    /// battery below the protocol's percentage raises <c>battery-low</c> in an active episode.
    /// </summary>
    public MonitorOutcome DeviceStatus(string deviceId, int? battery, bool? sensorOn, ProtocolDocument protocol, DateTimeOffset now)
    {
        if (sensorOn is { } on)
        {
            _watch.ReportSensor(deviceId, on);
        }

        // A device bound before enrolment may report already: there is no episode to alert in yet.
        if (battery is not { } percent || Episode is not { } episode
            || DeviceRules.CheckBattery(percent, now, episode.EffectiveProtocol(protocol)) is not { } evaluation)
        {
            return MonitorOutcome.Nothing;
        }

        var update = episode.Apply(evaluation, now, _newId);
        return update.ChangedAlerts.Count == 0
            ? MonitorOutcome.Nothing
            : new MonitorOutcome(update.ChangedAlerts, [], [], null, null, MonitorSave.Now);
    }

    /// <summary>
    /// The watch: decides every due measurement whose grace period has passed, checks the continuous meter for
    /// silence and runs the advice rules. An episode that is no longer active ends the watch.
    /// </summary>
    public MonitorOutcome Tick(ProtocolDocument protocol, DateTimeOffset now)
    {
        if (Episode is not { IsActive: true } episode)
        {
            return MonitorOutcome.Nothing with { EndsWatch = true };
        }

        var effective = episode.EffectiveProtocol(protocol);
        var changed = new AlertChanges();
        var from = episode.LastDueChecked ?? episode.Enrolment.EnrolledAt.AddTicks(-1);
        var decidable = episode.Schedule(protocol).DueAfter(from)
            .TakeWhile(due => MissedMeasurementRule.DecideAt(due, effective.Schedule) <= now && due <= now)
            .ToList();
        foreach (var due in decidable.TakeLast(DueCatchUpLimit))
        {
            changed.Add(episode.CheckDue(due, protocol, now, _newId).ChangedAlerts);
        }

        changed.Add(SilenceAlerts(episode, effective, now));
        var advice = episode.Advise(protocol, now, _newId);
        var save = decidable.Count > 0 || changed.Count > 0 || advice.Count > 0 ? MonitorSave.Now : MonitorSave.None;
        return new MonitorOutcome(changed.ToList(), advice, [], null, null, save);
    }

    /// <summary>Unclaimed alerts that waited longer than the protocol allows, raised again to the consoles and the shift lead.</summary>
    public MonitorOutcome ReEscalate(ProtocolDocument protocol, DateTimeOffset now)
    {
        if (Episode is not { } episode)
        {
            return MonitorOutcome.Nothing;
        }

        var raised = episode.ReEscalateUnclaimed(protocol, now);
        if (raised.Count == 0)
        {
            return MonitorOutcome.Nothing;
        }

        var notices = new List<Notice>(raised.Count);
        foreach (var alert in raised)
        {
            notices.Add(new Notice(Notice.ReEscalation, Notice.ShiftLead, alert, null, null, now));
        }

        return new MonitorOutcome([], [], notices, null, null, MonitorSave.Now) { ReEscalated = raised };
    }

    /// <summary>
    /// The nurse's call about an alert (<see cref="Episode.RecordCall"/>). An escalation notifies the clinician it went
    /// to; an emergency referral informs them. The changed alert is the outcome's only changed alert.
    /// </summary>
    public MonitorOutcome RecordCall(string alertId, CallReport report, ProtocolDocument protocol, DateTimeOffset now)
    {
        var alert = RequireEpisode().RecordCall(alertId, report, protocol, now, _newId);
        IReadOnlyList<Notice> notices = [];
        if (report.Outcome is CallOutcome.Escalated or CallOutcome.EmergencyReferral && alert.Escalation is { } escalation)
        {
            var kind = escalation.Emergency ? Notice.EmergencyReferral : Notice.Escalation;
            notices = [new Notice(kind, escalation.To, alert, report.By, report.Note, now)];
        }

        return new MonitorOutcome([alert], [], notices, null, null, MonitorSave.Now);
    }

    /// <summary>
    /// The patient asked to be called: an orange <c>call-requested</c> alert, with the patient's note in the timeline.
    /// Nothing (and no note) when an open alert already covers it.
    /// </summary>
    public MonitorOutcome RequestCall(string? note, ProtocolDocument protocol, DateTimeOffset now)
    {
        var episode = RequireEpisode();
        var update = episode.Apply(CallRequest.Evaluate(now, episode.EffectiveProtocol(protocol)), now, _newId);
        if (update.ChangedAlerts.Count == 0)
        {
            return MonitorOutcome.Nothing;
        }

        if (!string.IsNullOrWhiteSpace(note))
        {
            episode.AddNote(PatientAuthor, note.Trim(), now);
        }

        return new MonitorOutcome(update.ChangedAlerts, [], [], null, null, MonitorSave.Now);
    }

    private EpisodeUpdate? ObserveContinuous(Episode episode, StreamStep step, ProtocolDocument protocol, DateTimeOffset now)
    {
        _watch.SampleArrived();
        if (step.IsTrustedSample || step.Role == SampleRole.WarmUp)
        {
            // Warm-up samples are not evaluated, but they were measured: last values, and received for the schedule.
            episode.ObserveSample(step.Measurement, step.SustainedLevel, protocol);
        }

        return step.Evaluation is { } evaluation ? episode.Apply(evaluation, now, _newId) : null;
    }

    /// <summary>Warm-up and artefact flags of a device's samples, and earlier samples now known to be artefacts.</summary>
    private static DeviceFlags? FlagsOf(string deviceId, IReadOnlyList<StreamStep> steps)
    {
        List<SampleFlag>? flags = null;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Flag is { } flag)
            {
                (flags ??= []).Add(new SampleFlag(step.Measurement.MeasuredAt, flag, step.Artefact != ArtefactKind.None));
            }

            for (var j = 0; j < step.LateArtefacts.Count; j++)
            {
                (flags ??= []).Add(new SampleFlag(step.LateArtefacts[j], ArtefactKind.Spo2Jump.ToCode(), true));
            }
        }

        return flags is null ? null : new DeviceFlags(deviceId, flags);
    }

    private Episode RequireEpisode() =>
        Episode ?? throw new InvalidOperationException("The patient is not enrolled: the host checks before calling the monitor.");

    private static string NewId() => Guid.CreateVersion7().ToString("N");

    /// <summary>The alerts one call changed, each once with its latest state, in the order first changed (a local value: nothing allocated while none changed).</summary>
    private struct AlertChanges
    {
        private Dictionary<string, Alert>? _alerts;

        public int Count => _alerts?.Count ?? 0;

        public void Add(IReadOnlyList<Alert> alerts)
        {
            foreach (var alert in alerts)
            {
                (_alerts ??= [])[alert.AlertId] = alert;
            }
        }

        public IReadOnlyList<Alert> ToList() => _alerts is null ? [] : [.. _alerts.Values];
    }
}
