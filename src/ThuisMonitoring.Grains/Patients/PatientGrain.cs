using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Grains;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Schedules;
using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// Thin host of one patient's <see cref="Episode"/>: loads and saves the snapshot, resolves the effective protocol
/// (default, organisation layer, patient layer), hands measurements, device status and the schedule watch to the
/// domain and publishes the alerts that changed. All clinical logic lives in the domain.
/// </summary>
/// <remarks>
/// <para>
/// Continuous data: the domain's <see cref="ContinuousStreams"/> decide, per device, whether a measurement is a spot
/// check (for <see cref="Episode.Record"/>), the warm-up of a stream (stored flagged, not evaluated) or a stream sample
/// (the device's <see cref="ContinuousEvaluator"/>: persistence windows, artefacts, hysteresis). The streams are saved
/// with the episode, so a deactivation or restart does not start their windows cold; warm-up and artefact flags are
/// written to the measurement store (<see cref="IMeasurementFlags"/>).
/// </para>
/// <para>
/// Missed measurements and silent devices: a durable reminder (<see cref="WatchReminder"/>, every minute) survives
/// deactivation and silo restarts; each tick decides every due time whose grace period has passed and checks the
/// continuous meter for silence, with the grain's <see cref="TimeProvider"/> time.
/// </para>
/// </remarks>
public sealed class PatientGrain : Grain, IPatientGrain, IRemindable
{
    /// <summary>The grain storage provider name for episode state.</summary>
    public const string StorageName = "episodes";

    /// <summary>The durable reminder that watches the schedule and the continuous meter.</summary>
    public const string WatchReminder = "watch";

    /// <summary>Orleans' minimum reminder period; due times and silence are decided on the clock, not on the tick.</summary>
    public static readonly TimeSpan WatchPeriod = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a grain whose last values changed without any alert saves its episode. A snapshot of a day-old
    /// continuous episode is about 100 KB (history of 512 records) and takes about 1 ms to serialise, so at 10,000 patients
    /// every 10 s would cost more than half of a 2-core box; the measurements themselves are already durable, and after a
    /// crash the grain re-evaluates at most this much of them from the store (see <see cref="OnActivateAsync"/>).
    /// </summary>
    public static readonly TimeSpan LastValuesFlushInterval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan OrganisationLayerTtl = TimeSpan.FromMinutes(1);
    private const int CatchUpLimit = 10_000;

    // A silo that was down for weeks decides at most this many due times on its first tick (the newest ones).
    private const int DueCatchUpLimit = 50;

    private readonly IPersistentState<PatientGrainState> _state;
    private readonly IAlertIndex _alertIndex;
    private readonly IMeasurementStore _measurements;
    private readonly IAlertNotifier _notifier;
    private readonly INotificationOutbox _outbox;
    private readonly IProtocolLibrary _library;
    private readonly TimeProvider _clock;
    private readonly ILogger<PatientGrain> _logger;
    private readonly IMeasurementFlags? _flags;
    private readonly TimelineAppender _timeline;
    private readonly Dictionary<string, (bool SensorOn, DateTimeOffset At)> _sensors = [];
    private Episode? _episode;
    private bool _lastValuesDirty;
    private IGrainTimer? _flushTimer;
    private string? _organisationLayer;
    private DateTimeOffset? _organisationLayerReadAt;
    private (string? Organisation, string? Patient, ProtocolDocument Document)? _protocol;
    private ContinuousStreams? _streams;
    private DateTimeOffset? _silenceReportedFor;

    public PatientGrain(
        [PersistentState("episode", StorageName)] IPersistentState<PatientGrainState> state,
        IAlertIndex alertIndex,
        IMeasurementStore measurements,
        IAlertNotifier notifier,
        INotificationOutbox outbox,
        IProtocolLibrary library,
        TimeProvider clock,
        ILogger<PatientGrain> logger,
        IEnumerable<IMeasurementFlags> flags,
        ITimelineStore timeline)
    {
        _timeline = new TimelineAppender(timeline, logger);
        // Optional: a host without a flag store still evaluates; the flags are then not written.
        _flags = flags.FirstOrDefault();
        _state = state;
        _alertIndex = alertIndex;
        _measurements = measurements;
        _notifier = notifier;
        _outbox = outbox;
        _library = library;
        _clock = clock;
        _logger = logger;
    }

    private string PatientId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.State.Snapshot is { } snapshot)
        {
            _episode = new Episode(snapshot);
            if (await _timeline.AppendOnActivationAsync(PatientId, snapshot, _episode))
            {
                await SaveAsync();
            }

            await CatchUpAsync(_episode, cancellationToken);
            if (_episode.IsActive)
            {
                // Episodes enrolled before the watch existed get their reminder on their next activation.
                await this.RegisterOrUpdateReminder(WatchReminder, WatchPeriod, WatchPeriod);
            }
        }
    }

    /// <summary>
    /// Measurements are durable before they are acknowledged, but saving green evaluations is batched. After a crash
    /// the measurement store holds measurements the saved episode has not seen: evaluate them again, in order.
    /// </summary>
    private async Task CatchUpAsync(Episode episode, CancellationToken cancellationToken)
    {
        var from = episode.LastMeasurement is { } last ? last.MeasuredAt.AddTicks(1) : DateTimeOffset.MinValue;
        var missed = await _measurements.ListAsync(PatientId, from, DateTimeOffset.MaxValue, CatchUpLimit, cancellationToken);
        if (missed.Count == 0)
        {
            return;
        }

        _logger.LogInformation("Patient {PatientId}: evaluating {Count} stored measurements the saved episode had not seen", PatientId, missed.Count);
        // In runs of one device, as they arrived: a meter's stream samples stay stream samples, never spot checks.
        var run = new List<Measurement>();
        for (var i = 0; i < missed.Count; i++)
        {
            run.Add(missed[i].Measurement);
            if (i + 1 == missed.Count || missed[i + 1].DeviceId != missed[i].DeviceId)
            {
                await RecordAsync(run, missed[i].Source, missed[i].DeviceId);
                run = [];
            }
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_lastValuesDirty)
        {
            await SaveAsync();
        }
    }

    public async Task Enrol(Enrolment enrolment)
    {
        if (_episode is not null)
        {
            throw new InvalidOperationException($"Patient {PatientId} is already enrolled.");
        }

        _episode = Episode.Start(enrolment with { PatientId = PatientId });
        await SaveAsync();
        await this.RegisterOrUpdateReminder(WatchReminder, WatchPeriod, WatchPeriod);
        _logger.LogInformation("Patient {PatientId} enrolled via {Pathway}", PatientId, enrolment.Pathway.ToCode());
    }

    public Task<EpisodeSnapshot?> GetEpisode() => Task.FromResult(_episode?.ToSnapshot());

    public Task<PatientFeedback> Record(IReadOnlyList<Measurement> measurements, DeviceKind source, string? deviceId = null) =>
        RecordAsync(measurements, source, deviceId ?? source.ToCode());

    private async Task<PatientFeedback> RecordAsync(IReadOnlyList<Measurement> measurements, DeviceKind source, string deviceId)
    {
        var episode = RequireEpisode();
        var protocol = await ProtocolAsync();
        var now = _clock.GetUtcNow();
        var feedback = PatientFeedback.For(episode.LastLevel);
        var changed = new Dictionary<string, Alert>();
        var steps = Streams().Observe(
            deviceId, source, measurements, SensorOn(deviceId), episode.EffectiveProtocol(protocol), new OxygenPrescription(episode.OxygenFlow));
        foreach (var step in steps)
        {
            EpisodeUpdate? update;
            if (step.Role == SampleRole.SpotCheck)
            {
                update = episode.Record(step.Measurement, protocol, now, NewAlertId);
            }
            else
            {
                update = ObserveContinuous(episode, step, protocol, now);
            }

            if (update is null)
            {
                continue;
            }

            feedback = update.Feedback;
            Collect(changed, update);
        }

        await FlagAsync(deviceId, steps);
        var advice = episode.Advise(protocol, now, NewAdviceId);
        if (changed.Count == 0 && advice.Count == 0)
        {
            // Last values are also in the measurement store; saving them is batched to keep the hot path lean.
            _lastValuesDirty = true;
            _flushTimer ??= this.RegisterGrainTimer(FlushLastValuesAsync, LastValuesFlushInterval, LastValuesFlushInterval);
            return Worded(feedback, episode, protocol);
        }

        await SaveAsync();
        LogAdvice(advice);
        await PublishAllAsync(changed.Values);
        return Worded(feedback, episode, protocol);
    }

    /// <summary>The feedback in the words of the patient's protocol (its <c>feedback</c> section).</summary>
    private static PatientFeedback Worded(PatientFeedback feedback, Episode episode, ProtocolDocument protocol) =>
        episode.IsActive ? protocol.Feedback.For(feedback.Level) : protocol.Feedback.AfterEnd;

    private ContinuousStreams Streams() => _streams ??= new ContinuousStreams(_state.State.Streams);

    private EpisodeUpdate? ObserveContinuous(Episode episode, StreamStep step, ProtocolDocument protocol, DateTimeOffset now)
    {
        _silenceReportedFor = null;
        if (step.IsTrustedSample || step.Role == SampleRole.WarmUp)
        {
            // Warm-up samples are not evaluated, but they were measured: last values, and received for the schedule.
            episode.ObserveSample(step.Measurement, step.SustainedLevel, protocol);
        }

        return step.Evaluation is { } evaluation ? episode.Apply(evaluation, now, NewAlertId) : null;
    }

    /// <summary>Warm-up and artefact flags of a device's samples go to the measurement store (and from there to InfluxDB).</summary>
    private async Task FlagAsync(string deviceId, IReadOnlyList<StreamStep> steps)
    {
        List<MeasurementFlag>? flags = null;
        foreach (var step in steps)
        {
            if (step.Flag is { } flag)
            {
                (flags ??= []).Add(new MeasurementFlag(step.Measurement.MeasuredAt, flag, step.Artefact != ArtefactKind.None));
            }

            foreach (var late in step.LateArtefacts)
            {
                (flags ??= []).Add(new MeasurementFlag(late, ArtefactKind.Spo2Jump.ToCode(), true));
            }
        }

        if (flags is null || _flags is null)
        {
            return;
        }

        try
        {
            await _flags.FlagAsync(deviceId, flags, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The evaluation already treated them as flagged; a lost flag only shows in the stored data.
            _logger.LogWarning(exception, "Patient {PatientId}: could not flag {Count} samples of device {DeviceId}", PatientId, flags.Count, deviceId);
        }
    }

    // The sensor state of the device that sent the samples, as it last reported it on its status topic.
    private bool SensorOn(string deviceId) =>
        !_sensors.TryGetValue(deviceId, out var sensor) || sensor.SensorOn;

    public async Task RecordDeviceStatus(string deviceId, int? battery, bool? sensorOn)
    {
        var now = _clock.GetUtcNow();
        if (sensorOn is { } on)
        {
            _sensors[deviceId] = (on, now);
        }

        // A device bound before enrolment may report already: there is no episode to alert in yet.
        if (battery is not { } percent || _episode is not { } episode)
        {
            return;
        }

        var protocol = episode.EffectiveProtocol(await ProtocolAsync());
        if (DeviceRules.CheckBattery(percent, now, protocol) is not { } evaluation)
        {
            return;
        }

        var update = episode.Apply(evaluation, now, NewAlertId);
        if (update.ChangedAlerts.Count > 0)
        {
            await SaveAsync();
            await PublishAllAsync(update.ChangedAlerts);
        }
    }

    public async Task<string> SetProtocolLayer(string layerJson, string by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(layerJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        RequireEpisode();
        var organisation = await OrganisationLayerAsync();
        var errors = ProtocolDocumentReader.ValidateLayered(CovidOxygenProtocol.Json, LayersOf(organisation, layerJson));
        if (errors.Count > 0)
        {
            // The message lists every error: Orleans carries an exception's type and message across the call, not its properties.
            throw new ProtocolDocumentException(errors);
        }

        // The library keeps the audit trail (who, when, old → new); the grain state is what the patient is evaluated with.
        await _library.SaveLayerAsync(ProtocolScopes.Patient(PatientId), layerJson, by, CancellationToken.None);
        _state.State = _state.State with { ProtocolLayer = layerJson };
        await SaveAsync();
        var protocol = await ProtocolAsync();
        _logger.LogInformation("Patient {PatientId}: protocol layer set by {By}; effective protocol {ProtocolId}", PatientId, by, protocol.Id);
        return protocol.Id;
    }

    public async Task<EffectiveProtocol> GetProtocol()
    {
        var protocol = await ProtocolAsync();
        var effective = _episode?.EffectiveProtocol(protocol) ?? protocol;
        return new EffectiveProtocol(effective.Id, ProtocolDocumentWriter.Write(effective));
    }

    public async Task<EpisodeTransition> Transition(EpisodeState to, string by, string reason)
    {
        var transition = RequireEpisode().Transition(to, by, reason, _clock.GetUtcNow());
        await SaveAsync();
        if (!RequireEpisode().IsActive)
        {
            await UnregisterWatchAsync();
        }
        else
        {
            await this.RegisterOrUpdateReminder(WatchReminder, WatchPeriod, WatchPeriod);
        }

        _logger.LogInformation("Patient {PatientId}: episode {From} -> {To} by {By}", PatientId, transition.From.ToCode(), transition.To.ToCode(), by);
        return transition;
    }

    public async Task ChangeOxygenFlow(double flowLitresPerMinute, string by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        RequireEpisode().ChangeOxygenFlow(flowLitresPerMinute, _clock.GetUtcNow(), by);
        await SaveAsync();
        _logger.LogInformation("Patient {PatientId}: oxygen flow set to {Flow} L/min by {By}", PatientId, flowLitresPerMinute, by);
    }

    public async Task<ClinicalAdvice> DecideAdvice(string adviceId, bool accept, string by, string? note)
    {
        var advice = RequireEpisode().DecideAdvice(adviceId, accept, by, note, _clock.GetUtcNow());
        await SaveAsync();
        _logger.LogInformation("Patient {PatientId}: advice {AdviceId} {Status} by {By}", PatientId, adviceId, advice.Status, by);
        return advice;
    }

    public async Task<EpisodeTransition?> WithdrawConsent(string by, string? reason)
    {
        var transition = RequireEpisode().WithdrawConsent(by, reason, _clock.GetUtcNow());
        await SaveAsync();
        await UnregisterWatchAsync();
        _logger.LogInformation("Patient {PatientId}: consent withdrawn, recorded by {By}", PatientId, by);
        return transition;
    }

    public async Task Erase()
    {
        await UnregisterWatchAsync();
        _flushTimer?.Dispose();
        _flushTimer = null;
        _lastValuesDirty = false;
        _episode = null;
        _streams = null;
        _protocol = null;
        await _state.ClearStateAsync();
        _logger.LogInformation("Patient {PatientId}: grain state erased", PatientId);
        DeactivateOnIdle();
    }

    public async Task<string> ChangeThresholds(string layerJson, string by, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var protocolId = await SetProtocolLayer(layerJson, by);
        RequireEpisode().RecordThresholdChange(by, reason, protocolId, _clock.GetUtcNow());
        await SaveAsync();
        return protocolId;
    }

    public async Task<CareHandover> RequestHandover(string handoverId, string by, string to, string? note)
    {
        var handover = RequireEpisode().RequestHandover(handoverId, by, to, note, _clock.GetUtcNow());
        await SaveAsync();
        _logger.LogInformation("Patient {PatientId}: handover {HandoverId} of responsibility from {From} to {To} requested", PatientId, handoverId, handover.From, handover.To);
        return handover;
    }

    public async Task<CareHandover> DecideHandover(string handoverId, bool accept, string by, string? note)
    {
        var (handover, changed) = RequireEpisode().DecideHandover(handoverId, accept, by, note, _clock.GetUtcNow());
        await SaveAsync();
        _logger.LogInformation("Patient {PatientId}: handover {HandoverId} {Status} by {By}", PatientId, handoverId, handover.Status.ToCode(), by);
        await PublishAllAsync(changed);
        return handover;
    }

    public async Task UndoHandover(string handoverId, string reason)
    {
        var changed = RequireEpisode().UndoHandover(handoverId, reason, _clock.GetUtcNow());
        await SaveAsync();
        _logger.LogWarning("Patient {PatientId}: handover {HandoverId} undone: {Reason}", PatientId, handoverId, reason);
        await PublishAllAsync(changed);
    }

    public async Task<EligibilityResult> CheckEligibility(EligibilityRequest request)
    {
        var episode = RequireEpisode();
        var result = EligibilityCheck.Check(request, episode.EffectiveProtocol(await ProtocolAsync()));
        episode.RecordEligibility(result);
        await SaveAsync();
        return result;
    }

    /// <summary>The watch reminder: decides missed measurements, checks the continuous meter for silence, runs the advice rules.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchReminder)
        {
            return;
        }

        if (_episode is not { IsActive: true } episode)
        {
            await UnregisterWatchAsync();
            return;
        }

        var protocol = await ProtocolAsync();
        var effective = episode.EffectiveProtocol(protocol);
        var now = _clock.GetUtcNow();
        var changed = new Dictionary<string, Alert>();
        var from = episode.LastDueChecked ?? episode.Enrolment.EnrolledAt.AddTicks(-1);
        var decidable = episode.Schedule(protocol).DueAfter(from)
            .TakeWhile(due => MissedMeasurementRule.DecideAt(due, effective.Schedule) <= now && due <= now)
            .ToList();
        foreach (var due in decidable.TakeLast(DueCatchUpLimit))
        {
            Collect(changed, episode.CheckDue(due, protocol, now, NewAlertId));
        }

        var lastSampleAt = Streams().LastSampleAt ?? _state.State.ContinuousSampleAt;
        if (lastSampleAt != _silenceReportedFor && DeviceRules.CheckSilence(lastSampleAt, now, effective) is { } silence)
        {
            // One device-silent per silence: the alert stays open until resolved; the next sample starts a new watch.
            _silenceReportedFor = lastSampleAt;
            Collect(changed, episode.Apply(silence, now, NewAlertId));
        }

        var advice = episode.Advise(protocol, now, NewAdviceId);
        if (decidable.Count > 0 || changed.Count > 0 || advice.Count > 0)
        {
            await SaveAsync();
        }

        LogAdvice(advice);
        await PublishAllAsync(changed.Values);
    }

    private async Task UnregisterWatchAsync()
    {
        if (await this.GetReminder(WatchReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// The protocol the patient is evaluated with: the shipped default, the organisation's layer (re-read at most once
    /// a minute) and the patient's own layer. A layer that no longer fits (an organisation layer changed under a
    /// patient layer) is skipped with an error in the log: a patient is never left without a valid protocol.
    /// </summary>
    private async Task<ProtocolDocument> ProtocolAsync()
    {
        var organisation = await OrganisationLayerAsync();
        var patient = _state.State.ProtocolLayer;
        if (_protocol is { } cached && cached.Organisation == organisation && cached.Patient == patient)
        {
            return cached.Document;
        }

        var document = Layered(organisation, patient);
        _protocol = (organisation, patient, document);
        return document;
    }

    private ProtocolDocument Layered(string? organisation, string? patient)
    {
        if (organisation is null && patient is null)
        {
            return CovidOxygenProtocol.Default;
        }

        try
        {
            return ProtocolDocumentReader.ReadLayered(CovidOxygenProtocol.Json, LayersOf(organisation, patient));
        }
        catch (ProtocolDocumentException exception)
        {
            _logger.LogError(exception, "Patient {PatientId}: the protocol layers do not fit together; falling back", PatientId);
            return patient is not null ? Layered(organisation, null) : CovidOxygenProtocol.Default;
        }
    }

    private static List<string> LayersOf(string? organisation, string? patient) =>
        new[] { organisation, patient }.OfType<string>().ToList();

    private async Task<string?> OrganisationLayerAsync()
    {
        if (_episode?.Enrolment.Organisation is not { Length: > 0 } organisation)
        {
            return null;
        }

        var now = _clock.GetUtcNow();
        if (_organisationLayerReadAt is { } readAt && now - readAt < OrganisationLayerTtl && now >= readAt)
        {
            return _organisationLayer;
        }

        var layer = await _library.GetLayerAsync(ProtocolScopes.Organisation(organisation), CancellationToken.None);
        _organisationLayer = layer?.LayerJson;
        _organisationLayerReadAt = now;
        return _organisationLayer;
    }

    public async Task<Alert> Acknowledge(string alertId, string by)
    {
        var alert = RequireEpisode().Alerts.Acknowledge(alertId, by, _clock.GetUtcNow());
        await SaveAsync();
        await PublishAsync(alert);
        return alert;
    }

    public async Task<Alert> Resolve(string alertId, string by, string outcome, string? note)
    {
        var alert = RequireEpisode().Alerts.Resolve(alertId, by, outcome, note, _clock.GetUtcNow());
        await SaveAsync();
        await PublishAsync(alert);
        return alert;
    }

    public Task<Alert> Claim(string alertId, string by) =>
        WorkAlertAsync(alerts => alerts.Claim(alertId, by, _clock.GetUtcNow()));

    public Task<Alert> Unclaim(string alertId, string by) =>
        WorkAlertAsync(alerts => alerts.Unclaim(alertId, by, _clock.GetUtcNow()));

    public Task<Alert> HandOver(string alertId, string by, string to) =>
        WorkAlertAsync(alerts => alerts.HandOver(alertId, by, to, _clock.GetUtcNow()));

    private async Task<Alert> WorkAlertAsync(Func<AlertBook, Alert> step)
    {
        var alert = step(RequireEpisode().Alerts);
        await SaveAsync();
        await PublishAsync(alert);
        return alert;
    }

    public async Task<Alert> RecordCall(string alertId, CallReport report)
    {
        var episode = RequireEpisode();
        var now = _clock.GetUtcNow();
        var alert = episode.RecordCall(alertId, report, await ProtocolAsync(), now, NewId);
        if (report.Outcome is CallOutcome.Escalated or CallOutcome.EmergencyReferral && alert.Escalation is { } escalation)
        {
            // Before saving: a crash in between sends the notification twice (the nurse retries), never not at all.
            var kind = escalation.Emergency ? ClinicalNotification.EmergencyReferral : ClinicalNotification.Escalation;
            await NotifyAsync(alert, kind, escalation.To, report.By, report.Note, now);
        }

        await SaveAsync();
        await PublishAsync(alert);
        _logger.LogInformation("Alert {AlertId} of patient {PatientId}: call by {By}, outcome {Outcome}", alertId, PatientId, report.By, report.Outcome.ToCode());
        return alert;
    }

    public Task<Alert> AcceptEscalation(string alertId, string by, string? note) =>
        WorkAlertAsync(alerts => alerts.AcceptEscalation(alertId, by, note, _clock.GetUtcNow()));

    public async Task<IReadOnlyList<Alert>> ReEscalateUnclaimed()
    {
        if (_episode is not { } episode)
        {
            return [];
        }

        var now = _clock.GetUtcNow();
        var raised = episode.ReEscalateUnclaimed(await ProtocolAsync(), now);
        if (raised.Count == 0)
        {
            return raised;
        }

        foreach (var alert in raised)
        {
            await NotifyAsync(alert, ClinicalNotification.ReEscalation, ClinicalNotification.ShiftLead, null, null, now);
        }

        await SaveAsync();
        foreach (var alert in raised)
        {
            _logger.LogWarning(
                "Alert {AlertId} of patient {PatientId} ({Level}) unclaimed since {WaitingSince}: raised again (time {Times})",
                alert.AlertId, PatientId, alert.Level.ToAlertCode(), alert.WaitingFrom, alert.ReEscalations);
            await PublishAsync(alert, reEscalated: true);
        }

        return raised;
    }

    public async Task<IReadOnlyList<CallScript>> GetCallScripts(string alertId) =>
        RequireEpisode().CallScriptsFor(alertId, await ProtocolAsync());

    public async Task<Alert?> RequestCall(string? note)
    {
        var episode = RequireEpisode();
        var now = _clock.GetUtcNow();
        var update = episode.Apply(CallRequest.Evaluate(now, episode.EffectiveProtocol(await ProtocolAsync())), now, NewAlertId);
        if (update.ChangedAlerts.Count == 0)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(note))
        {
            episode.AddNote(PatientAuthor, note.Trim(), now);
        }

        await SaveAsync();
        await PublishAllAsync(update.ChangedAlerts);
        return update.ChangedAlerts[0];
    }

    /// <summary>Who wrote a note the patient sent with a call request.</summary>
    private const string PatientAuthor = "patient";

    public async Task<TimelineEntry> AddNote(string by, string text)
    {
        var entry = RequireEpisode().AddNote(by, text, _clock.GetUtcNow());
        await SaveAsync();
        return entry;
    }

    public async Task<TimelineEntry> RecordIntake(Domain.DistrictNursing.IntakeRequest intake, string teamName)
    {
        var entry = RequireEpisode().RecordIntake(intake, teamName, _clock.GetUtcNow());
        await SaveAsync();
        return entry;
    }

    public Task<IReadOnlyList<TimelineEntry>> GetTimeline() => _timeline.ReadAllAsync(PatientId, RequireEpisode());

    public Task<TimelinePage> GetTimelinePage(TimelineQuery query) => _timeline.ReadAsync(PatientId, RequireEpisode(), query);

    public async Task<DateTimeOffset?> GetNextMeasurementDue() =>
        _episode is { } episode ? episode.NextMeasurementDue(await ProtocolAsync(), _clock.GetUtcNow()) : null;

    private Task NotifyAsync(Alert alert, string kind, string recipient, string? by, string? note, DateTimeOffset now) =>
        _outbox.EnqueueAsync(
            new ClinicalNotification(NewId(), kind, recipient, PatientId, alert.AlertId, alert.Level.ToAlertCode(), alert.Reasons, by, note, now),
            CancellationToken.None);

    private Episode RequireEpisode() =>
        _episode ?? throw new PatientNotEnrolledException($"Patient {PatientId} is not enrolled.");

    private static void Collect(Dictionary<string, Alert> changed, EpisodeUpdate update)
    {
        foreach (var alert in update.ChangedAlerts)
        {
            changed[alert.AlertId] = alert;
        }
    }

    private void LogAdvice(IReadOnlyList<ClinicalAdvice> advice)
    {
        foreach (var item in advice)
        {
            _logger.LogInformation("Patient {PatientId}: advice {AdviceId} proposed: {Kind} ({Reason})", PatientId, item.AdviceId, item.Kind, item.Reason);
        }
    }

    private async Task FlushLastValuesAsync(CancellationToken cancellationToken)
    {
        if (_lastValuesDirty)
        {
            await SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        var continuousAt = _streams?.LastSampleAt ?? _state.State.ContinuousSampleAt;
        _state.State = _state.State with
        {
            Snapshot = RequireEpisode().ToSnapshot(),
            ContinuousSampleAt = continuousAt,
            Streams = _streams?.ToState() ?? _state.State.Streams,
        };
        try
        {
            await _state.WriteStateAsync();
        }
        catch (Orleans.Storage.InconsistentStateException exception)
        {
            // Another activation of this patient saved after this one read (two activations for a moment while silos
            // left or joined the cluster): this one's state is stale. It goes, so the next call reads the saved episode
            // and catches up from the measurement store; it does not try to save again on the way out.
            _logger.LogWarning(exception, "Patient {PatientId}: episode saved by another activation; this one is stale and deactivates", PatientId);
            _lastValuesDirty = false;
            DeactivateOnIdle();
            throw;
        }

        // After the save, never before: an entry in the store always belongs to a saved episode (TimelineAppender).
        await _timeline.AppendUnstoredAsync(PatientId, RequireEpisode());
        _lastValuesDirty = false;
    }

    private async Task PublishAllAsync(IEnumerable<Alert> alerts)
    {
        foreach (var alert in alerts)
        {
            // Information when raised; every further measurement that counts towards it is Debug (hot path).
            _logger.Log(
                alert.Count <= 1 ? LogLevel.Information : LogLevel.Debug,
                "Alert {AlertId} for patient {PatientId}: {Level} {Reasons} (count {Count}, protocol {ProtocolId})",
                alert.AlertId, PatientId, alert.Level.ToAlertCode(), string.Join(',', alert.Reasons), alert.Count, alert.ProtocolId);
            await PublishAsync(alert);
        }
    }

    /// <summary>Indexes the alert and pushes the change (and, when <paramref name="reEscalated"/>, the re-escalation) to the consoles.</summary>
    private async Task PublishAsync(Alert alert, bool reEscalated = false)
    {
        await _alertIndex.UpsertAsync(alert, CancellationToken.None);
        try
        {
            await _notifier.AlertChangedAsync(alert, CancellationToken.None);
            if (reEscalated)
            {
                await _notifier.AlertReEscalatedAsync(alert, CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            // The alert is stored and indexed; consoles catch up by re-reading the list on reconnect.
            _logger.LogWarning(exception, "Could not push alert {AlertId} to the consoles", alert.AlertId);
        }
    }

    private static string NewAlertId() => Guid.CreateVersion7().ToString("N");

    private static string NewAdviceId() => Guid.CreateVersion7().ToString("N");

    private static string NewId() => Guid.CreateVersion7().ToString("N");
}
