using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Calls;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Handovers;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Timeline;
using ThuisMonitoring.Grains.Contracts;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// Thin host of one patient's <see cref="PatientMonitor"/>: loads and saves its state, resolves the effective protocol
/// (reads the organisation layer; <see cref="PatientProtocol"/> decides), calls the monitor with the grain's
/// <see cref="TimeProvider"/> time and carries out the <see cref="MonitorOutcome"/>: measurement flags, the outbox,
/// the save (now or batched), the alert index and the consoles, reminders and logging. All clinical logic, stream
/// classification, silence de-duplication and notification routing included, lives in the domain.
/// </summary>
/// <remarks>
/// <para>
/// Continuous data: the streams are saved with the episode, so a deactivation or restart does not start their windows
/// cold; warm-up and artefact flags are written to the measurement store (<see cref="IMeasurementFlags"/>).
/// </para>
/// <para>
/// Missed measurements and silent devices: a durable reminder (<see cref="WatchReminder"/>, every minute) survives
/// deactivation and silo restarts; each tick is the monitor's <see cref="PatientMonitor.Tick"/>.
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

    /// <summary>
    /// The first batched save after an activation or enrolment comes sooner than <see cref="LastValuesFlushInterval"/>:
    /// between this and this plus <see cref="FirstLastValuesFlushSpread"/>, spread by patient
    /// (<see cref="FirstLastValuesFlushDue"/>), so a host restarted with 2,000 patients does not save them all at once
    /// and a crash a minute after it re-evaluates seconds of measurements, not a minute.
    /// </summary>
    public static readonly TimeSpan FirstLastValuesFlushMinimum = TimeSpan.FromSeconds(5);

    /// <summary>How far the first batched saves of different patients are spread after <see cref="FirstLastValuesFlushMinimum"/>.</summary>
    public static readonly TimeSpan FirstLastValuesFlushSpread = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OrganisationLayerTtl = TimeSpan.FromMinutes(1);
    private const int CatchUpLimit = 10_000;

    private readonly IPersistentState<PatientGrainState> _state;
    private readonly IAlertIndex _alertIndex;
    private readonly IMeasurementStore _measurements;
    private readonly IAlertNotifier _notifier;
    private readonly INotificationOutbox _outbox;
    private readonly IProtocolLibrary _library;
    private readonly TimeProvider _clock;
    private readonly ILogger<PatientGrain> _logger;
    private readonly ActivePatients _active;
    private CaughtUpMeasurements? _caughtUp;
    private readonly IMeasurementFlags? _flags;
    private PatientMonitor _monitor = new();
    private readonly PatientSummaryPublisher _summaries;
    private readonly TimelineAppender _timeline;
    private bool _lastValuesDirty;
    private IGrainTimer? _flushTimer;
    private string? _organisationLayer;
    private DateTimeOffset? _organisationLayerReadAt;
    private (string? Organisation, string? Patient, ProtocolDocument Document)? _protocol;

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
        PatientSummaryPublisher summaries,
        ITimelineStore timeline,
        ActivePatients active)
    {
        _active = active;
        _summaries = summaries;
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
        _active.Activated(PatientId);
        _monitor = new PatientMonitor(_state.State.Snapshot, _state.State.Streams, _state.State.ContinuousSampleAt);
        if (_monitor.Episode is { } episode)
        {
            if (_state.State.Snapshot is { } snapshot && await _timeline.AppendOnActivationAsync(PatientId, snapshot, episode))
            {
                await SaveAsync();
            }

            ReleaseSavedCopy();

            await CatchUpAsync(episode, cancellationToken);
            if (_monitor.NeedsWatch)
            {
                // Episodes enrolled before the watch existed get their reminder on their next activation (only then: PatientWatch).
                await PatientWatch.EnsureAsync(this, PatientId);
            }
        }
    }

    /// <summary>
    /// Measurements are durable before they are acknowledged, but saving green evaluations is batched. After a crash
    /// the measurement store holds measurements the saved episode has not seen: evaluate them again, in order.
    /// </summary>
    private async Task CatchUpAsync(Episode episode, CancellationToken cancellationToken)
    {
        var (count, flagsKept, _) = await EvaluateStoredAsync(episode, null, cancellationToken);
        if (count > 0)
        {
            CatchUpMetrics.CaughtUp(count, flagsKept);
            // Debug: after a crash every active patient logs this at once (2,000 lines in the activation storm).
            _logger.LogDebug(
                "Patient {PatientId}: evaluated {Count} stored measurements the saved episode had not seen ({FlagsKept} flags already stored)",
                PatientId, count, flagsKept);
        }
    }

    /// <summary>
    /// Evaluates what the store holds after the episode's last measurement, message by message as they arrived (the
    /// measurements of one message share their device and receipt instant): a meter's backlog stays one message whose
    /// samples are a stream, and its separate live readings stay separate, so the first reading of a meter that never
    /// streamed is a spot check, as it was live. Remembers them (<see cref="CaughtUpMeasurements"/>)
    /// so that their own grain calls, queued behind, do not evaluate them again. Returns how many there were and the
    /// feedback on <paramref name="deviceId"/>'s last run. A flag the store already holds for a row (an evaluation
    /// before the crash wrote it) is not written again: after a restart that is most of a meter's warm-up.
    /// </summary>
    private async Task<(int Count, int FlagsKept, PatientFeedback? Feedback)> EvaluateStoredAsync(Episode episode, string? deviceId, CancellationToken cancellationToken)
    {
        var from = episode.LastMeasurement is { } last ? last.MeasuredAt.AddTicks(1) : DateTimeOffset.MinValue;
        var missed = await _measurements.ListAsync(PatientId, from, DateTimeOffset.MaxValue, CatchUpLimit, cancellationToken);
        PatientFeedback? feedback = null;
        var flagsKept = 0;
        var run = new List<Measurement>();
        var runStart = 0;
        for (var i = 0; i < missed.Count; i++)
        {
            run.Add(missed[i].Measurement);
            if (i + 1 == missed.Count || !SameMessage(missed[i + 1], missed[i]))
            {
                var (evaluated, kept) = await EvaluateAsync(run, missed[i].Source, missed[i].DeviceId, new StoredRun(missed, runStart, run.Count));
                flagsKept += kept;
                (_caughtUp ??= new()).Evaluated(missed[i].DeviceId, run, evaluated);
                feedback = missed[i].DeviceId == deviceId ? evaluated : feedback;
                run = [];
                runStart = i + 1;
            }
        }

        return (missed.Count, flagsKept, feedback);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _active.Deactivated(PatientId);
        if (_lastValuesDirty)
        {
            await SaveAsync();
        }
    }

    public async Task SaveLastValues()
    {
        if (_lastValuesDirty)
        {
            await SaveAsync();
        }
    }

    public async Task Enrol(Enrolment enrolment)
    {
        if (_monitor.Episode is not null)
        {
            throw new InvalidOperationException($"Patient {PatientId} is already enrolled.");
        }

        _monitor.Enrol(enrolment with { PatientId = PatientId });
        await SaveAsync();
        await PatientWatch.RegisterAsync(this, PatientId);
        _logger.LogInformation("Patient {PatientId} enrolled via {Pathway}", PatientId, enrolment.Pathway.ToCode());
    }

    public Task<EpisodeSnapshot?> GetEpisode() => Task.FromResult(_monitor.Episode?.ToSnapshot());

    public Task<PatientFeedback> Record(IReadOnlyList<Measurement> measurements, DeviceKind source, string? deviceId = null)
    {
        deviceId ??= source.ToCode();
        if (_caughtUp is { } caughtUp)
        {
            measurements = caughtUp.NotYetEvaluated(deviceId, measurements, out var caughtUpFeedback);
            _caughtUp = caughtUp.IsEmpty ? null : caughtUp;
            if (measurements.Count == 0 && caughtUpFeedback is not null)
            {
                return Task.FromResult(caughtUpFeedback);
            }
        }

        return RecordAsync(measurements, source, deviceId);
    }

    private async Task<PatientFeedback> RecordAsync(IReadOnlyList<Measurement> measurements, DeviceKind source, string deviceId) =>
        (await EvaluateAsync(measurements, source, deviceId, null)).Feedback;

    /// <summary>
    /// Evaluates and carries out; measurements read back from the store (<paramref name="stored"/>) get only the flags
    /// their rows do not carry yet. Returns the feedback and how many flags were already stored.
    /// </summary>
    private async Task<(PatientFeedback Feedback, int FlagsKept)> EvaluateAsync(
        IReadOnlyList<Measurement> measurements, DeviceKind source, string deviceId, StoredRun? stored)
    {
        RequireEpisode();
        var protocol = await ProtocolAsync();
        var outcome = _monitor.Record(measurements, source, deviceId, protocol, _clock.GetUtcNow());
        var kept = 0;
        if (stored is { } rows && outcome.Flags is { } flags)
        {
            outcome = outcome with { Flags = rows.Unwritten(flags, out kept) };
        }

        await CarryOutAsync(outcome);
        return (outcome.Feedback!, kept);
    }

    private static bool SameMessage(StoredMeasurement next, StoredMeasurement current) =>
        next.DeviceId == current.DeviceId && next.ReceivedAt == current.ReceivedAt;

    /// <summary>
    /// A resent device message whose measurements were stored before (docs/mqtt.md, "Duplicates and redelivery"): the
    /// in-memory <see cref="Redelivery"/> check first, so a resend of an evaluated message costs no query; the store is
    /// read only when a measurement lies after the last one evaluated.
    /// </summary>
    public async Task<PatientFeedback?> Redeliver(IReadOnlyList<Measurement> measurements, DeviceKind source, string deviceId)
    {
        if (_monitor.Episode is not { } episode)
        {
            return null;
        }

        var horizon = Domain.History.VitalHistory.HorizonOf(episode.EffectiveProtocol(await ProtocolAsync()));
        if (Redelivery.Of(episode, measurements, horizon) is not { IsNothing: false } redelivery)
        {
            return null;
        }

        PatientFeedback? feedback = null;
        if (redelivery.Unevaluated.Count > 0)
        {
            feedback = await RecordAsync(redelivery.Unevaluated, source, deviceId);
        }

        if (!redelivery.ReachesPastLast)
        {
            return feedback;
        }

        // The journal catch-up of an activation, for this moment; the feedback is the one on this device's last run.
        var from = episode.LastMeasurement is { } last ? last.MeasuredAt.AddTicks(1) : DateTimeOffset.MinValue;
        var (count, _, caughtUp) = await EvaluateStoredAsync(episode, deviceId, CancellationToken.None);
        if (count == 0)
        {
            // A store that keeps less precision than the payload: the message's own measurements after the last one.
            return await RecordAsync([.. measurements.Where(m => m.MeasuredAt >= from)], source, deviceId);
        }

        _logger.LogInformation(
            "Patient {PatientId}: device {DeviceId} resent a stored message that was not evaluated; evaluated {Count} stored measurements after the last one",
            PatientId, deviceId, count);
        return caughtUp ?? feedback;
    }

    /// <summary>
    /// Carries out what the monitor decided, in its order: flags, notifications (before saving: a crash in between
    /// sends one twice, never not at all), the save, then the alerts to the index and the consoles.
    /// </summary>
    private async Task CarryOutAsync(MonitorOutcome outcome)
    {
        await FlagAsync(outcome.Flags);
        await NotifyAllAsync(outcome.Notices);
        if (outcome.Save == MonitorSave.Now)
        {
            await SaveAsync();
        }
        else if (outcome.Save == MonitorSave.Batch)
        {
            // Last values are also in the measurement store; saving them is batched to keep the hot path lean.
            _lastValuesDirty = true;
            _flushTimer ??= this.RegisterGrainTimer(FlushLastValuesAsync, FirstLastValuesFlushDue(PatientId), LastValuesFlushInterval);
        }

        LogAdvice(outcome.Advice);
        if (outcome.ChangedAlerts.Count > 0)
        {
            await PublishAllAsync(outcome.ChangedAlerts);
        }

        foreach (var alert in outcome.ReEscalated)
        {
            _logger.LogWarning(
                "Alert {AlertId} of patient {PatientId} ({Level}) unclaimed since {WaitingSince}: raised again (time {Times})",
                alert.AlertId, PatientId, alert.Level.ToAlertCode(), alert.WaitingFrom, alert.ReEscalations);
            await PublishAsync(alert, reEscalated: true);
        }
    }

    /// <summary>Warm-up and artefact flags of a device's samples go to the measurement store (and from there to InfluxDB).</summary>
    private async Task FlagAsync(DeviceFlags? flags)
    {
        if (flags is null || _flags is null)
        {
            return;
        }

        var stored = new List<MeasurementFlag>(flags.Samples.Count);
        foreach (var sample in flags.Samples)
        {
            stored.Add(new MeasurementFlag(sample.MeasuredAt, sample.Flag, sample.Artefact));
        }

        try
        {
            await _flags.FlagAsync(PatientId, flags.DeviceId, stored, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The evaluation already treated them as flagged; a lost flag only shows in the stored data.
            _logger.LogWarning(exception, "Patient {PatientId}: could not flag {Count} samples of device {DeviceId}", PatientId, stored.Count, flags.DeviceId);
        }
    }

    public async Task RecordDeviceStatus(string deviceId, int? battery, bool? sensorOn)
    {
        // Before enrolment there is no organisation layer to read: the shipped protocol, without I/O.
        var protocol = await ProtocolAsync();
        await CarryOutAsync(_monitor.DeviceStatus(deviceId, battery, sensorOn, protocol, _clock.GetUtcNow()));
    }

    public async Task<string> SetProtocolLayer(string layerJson, string by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(layerJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        RequireEpisode();
        var organisation = await OrganisationLayerAsync();
        var errors = PatientProtocol.Validate(organisation, layerJson);
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
        var effective = _monitor.Episode?.EffectiveProtocol(protocol) ?? protocol;
        return new EffectiveProtocol(effective.Id, ProtocolDocumentWriter.Write(effective));
    }

    public async Task<EpisodeTransition> Transition(EpisodeState to, string by, string reason)
    {
        RequireEpisode();
        var (transition, outcome) = _monitor.Transition(to, by, reason, _clock.GetUtcNow());
        await CarryOutAsync(outcome);
        await KeepWatchAsync(outcome);
        _logger.LogInformation("Patient {PatientId}: episode {From} -> {To} by {By}", PatientId, transition.From.ToCode(), transition.To.ToCode(), by);
        return transition;
    }

    public async Task ChangeOxygenFlow(double flowLitresPerMinute, string by)
    {
        RequireEpisode();
        await CarryOutAsync(_monitor.ChangeOxygenFlow(flowLitresPerMinute, by, _clock.GetUtcNow()));
        _logger.LogInformation("Patient {PatientId}: oxygen flow set to {Flow} L/min by {By}", PatientId, flowLitresPerMinute, by);
    }

    public async Task<ClinicalAdvice> DecideAdvice(string adviceId, bool accept, string by, string? note)
    {
        RequireEpisode();
        var (advice, outcome) = _monitor.DecideAdvice(adviceId, accept, by, note, _clock.GetUtcNow());
        await CarryOutAsync(outcome);
        _logger.LogInformation("Patient {PatientId}: advice {AdviceId} {Status} by {By}", PatientId, adviceId, advice.Status, by);
        return advice;
    }

    public async Task<EpisodeTransition?> WithdrawConsent(string by, string? reason)
    {
        RequireEpisode();
        var (transition, outcome) = _monitor.WithdrawConsent(by, reason, _clock.GetUtcNow());
        await CarryOutAsync(outcome);
        await KeepWatchAsync(outcome);
        _logger.LogInformation("Patient {PatientId}: consent withdrawn, recorded by {By}", PatientId, by);
        return transition;
    }

    public async Task Erase()
    {
        await UnregisterWatchAsync();
        _flushTimer?.Dispose();
        _flushTimer = null;
        _lastValuesDirty = false;
        _monitor = new PatientMonitor();
        _protocol = null;
        await _state.ClearStateAsync();
        _logger.LogInformation("Patient {PatientId}: grain state erased", PatientId);
        DeactivateOnIdle();
    }

    public async Task<string> ChangeThresholds(string layerJson, string by, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var protocolId = await SetProtocolLayer(layerJson, by);
        RequireEpisode();
        await CarryOutAsync(_monitor.RecordThresholdChange(by, reason, protocolId, _clock.GetUtcNow()).Outcome);
        return protocolId;
    }

    public async Task<CareHandover> RequestHandover(string handoverId, string by, string to, string? note)
    {
        RequireEpisode();
        var (handover, outcome) = _monitor.RequestHandover(handoverId, by, to, note, _clock.GetUtcNow());
        await CarryOutAsync(outcome);
        _logger.LogInformation("Patient {PatientId}: handover {HandoverId} of responsibility from {From} to {To} requested", PatientId, handoverId, handover.From, handover.To);
        return handover;
    }

    public async Task<CareHandover> DecideHandover(string handoverId, bool accept, string by, string? note)
    {
        RequireEpisode();
        var (handover, outcome) = _monitor.DecideHandover(handoverId, accept, by, note, _clock.GetUtcNow());
        await CarryOutAsync(outcome);
        _logger.LogInformation("Patient {PatientId}: handover {HandoverId} {Status} by {By}", PatientId, handoverId, handover.Status.ToCode(), by);
        return handover;
    }

    public async Task UndoHandover(string handoverId, string reason)
    {
        RequireEpisode();
        await CarryOutAsync(_monitor.UndoHandover(handoverId, reason, _clock.GetUtcNow()));
        _logger.LogWarning("Patient {PatientId}: handover {HandoverId} undone: {Reason}", PatientId, handoverId, reason);
    }

    public async Task<EligibilityResult> CheckEligibility(EligibilityRequest request)
    {
        RequireEpisode();
        var (result, outcome) = _monitor.CheckEligibility(request, await ProtocolAsync());
        await CarryOutAsync(outcome);
        return result;
    }

    /// <summary>The watch reminder: decides missed measurements, checks the continuous meter for silence, runs the advice rules.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchReminder)
        {
            return;
        }

        var outcome = _monitor.Tick(await ProtocolAsync(), _clock.GetUtcNow());
        if (outcome.EndsWatch)
        {
            await UnregisterWatchAsync();
            return;
        }

        await CarryOutAsync(outcome);
    }

    /// <summary>After a transition: the reminder goes when the monitor ends the watch, and is (re)registered while the episode is active.</summary>
    private async Task KeepWatchAsync(MonitorOutcome outcome)
    {
        if (outcome.EndsWatch)
        {
            await UnregisterWatchAsync();
        }
        else
        {
            await PatientWatch.RegisterAsync(this, PatientId);
        }
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

        var resolved = PatientProtocol.Resolve(organisation, patient);
        foreach (var skipped in resolved.Skipped)
        {
            _logger.LogError("Patient {PatientId}: the protocol layers do not fit together; falling back without the {Owner} layer: {Errors}",
                PatientId, skipped.Owner, string.Join("; ", skipped.Errors));
        }

        _protocol = (organisation, patient, resolved.Document);
        return resolved.Document;
    }

    private async Task<string?> OrganisationLayerAsync()
    {
        if (_monitor.Episode?.Enrolment.Organisation is not { Length: > 0 } organisation)
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

    public Task<Alert> Acknowledge(string alertId, string by) =>
        WorkAlertAsync(now => _monitor.Acknowledge(alertId, by, now));

    public Task<Alert> Resolve(string alertId, string by, string outcome, string? note) =>
        WorkAlertAsync(now => _monitor.Resolve(alertId, by, outcome, note, now));

    public Task<Alert> Claim(string alertId, string by) =>
        WorkAlertAsync(now => _monitor.Claim(alertId, by, now));

    public Task<Alert> Unclaim(string alertId, string by) =>
        WorkAlertAsync(now => _monitor.Unclaim(alertId, by, now));

    public Task<Alert> HandOver(string alertId, string by, string to) =>
        WorkAlertAsync(now => _monitor.HandOver(alertId, by, to, now));

    public Task<Alert> AcceptEscalation(string alertId, string by, string? note) =>
        WorkAlertAsync(now => _monitor.AcceptEscalation(alertId, by, note, now));

    /// <summary>One of the monitor's alert steps, at the grain's time: carried out like a command, the worked alert returned.</summary>
    private async Task<Alert> WorkAlertAsync(Func<DateTimeOffset, MonitorOutcome<Alert>> step)
    {
        RequireEpisode();
        var (alert, outcome) = step(_clock.GetUtcNow());
        await CarryOutAsync(outcome);
        return alert;
    }

    public async Task<Alert> RecordCall(string alertId, CallReport report)
    {
        RequireEpisode();
        var outcome = _monitor.RecordCall(alertId, report, await ProtocolAsync(), _clock.GetUtcNow());
        await CarryOutAsync(outcome);
        _logger.LogInformation("Alert {AlertId} of patient {PatientId}: call by {By}, outcome {Outcome}", alertId, PatientId, report.By, report.Outcome.ToCode());
        return outcome.ChangedAlerts[0];
    }

    public async Task<IReadOnlyList<Alert>> ReEscalateUnclaimed()
    {
        if (_monitor.Episode is null)
        {
            return [];
        }

        var outcome = _monitor.ReEscalate(await ProtocolAsync(), _clock.GetUtcNow());
        await CarryOutAsync(outcome);
        return outcome.ReEscalated;
    }

    public async Task<IReadOnlyList<CallScript>> GetCallScripts(string alertId) =>
        RequireEpisode().CallScriptsFor(alertId, await ProtocolAsync());

    public async Task<Alert?> RequestCall(string? note)
    {
        RequireEpisode();
        var outcome = _monitor.RequestCall(note, await ProtocolAsync(), _clock.GetUtcNow());
        await CarryOutAsync(outcome);
        return outcome.ChangedAlerts.Count == 0 ? null : outcome.ChangedAlerts[0];
    }

    public async Task<TimelineEntry> AddNote(string by, string text)
    {
        RequireEpisode();
        var (entry, outcome) = _monitor.AddNote(by, text, _clock.GetUtcNow());
        await CarryOutAsync(outcome);
        return entry;
    }

    public async Task<TimelineEntry> RecordIntake(Domain.DistrictNursing.IntakeRequest intake, string teamName)
    {
        RequireEpisode();
        var (entry, outcome) = _monitor.RecordIntake(intake, teamName, _clock.GetUtcNow());
        await CarryOutAsync(outcome);
        return entry;
    }

    public Task<IReadOnlyList<TimelineEntry>> GetTimeline() => _timeline.ReadAllAsync(PatientId, RequireEpisode());

    public Task<TimelinePage> GetTimelinePage(TimelineQuery query) => _timeline.ReadAsync(PatientId, RequireEpisode(), query);

    public async Task<DateTimeOffset?> GetNextMeasurementDue() =>
        _monitor.Episode is { } episode ? episode.NextMeasurementDue(await ProtocolAsync(), _clock.GetUtcNow()) : null;

    private async Task NotifyAllAsync(IReadOnlyList<Notice> notices)
    {
        foreach (var notice in notices)
        {
            var alert = notice.Alert;
            await _outbox.EnqueueAsync(
                new ClinicalNotification(
                    NewId(), notice.Kind, notice.Recipient, PatientId, alert.AlertId, alert.Level.ToAlertCode(), alert.Reasons,
                    notice.By, notice.Note, notice.At),
                CancellationToken.None);
        }
    }

    private Episode RequireEpisode() =>
        _monitor.Episode ?? throw new PatientNotEnrolledException($"Patient {PatientId} is not enrolled.");

    private void LogAdvice(IReadOnlyList<ClinicalAdvice> advice)
    {
        foreach (var item in advice)
        {
            _logger.LogInformation("Patient {PatientId}: advice {AdviceId} proposed: {Kind} ({Reason})", PatientId, item.AdviceId, item.Kind, item.Reason);
        }
    }

    /// <summary>
    /// When the patient's first batched save after an activation or enrolment is due: <see cref="FirstLastValuesFlushMinimum"/>
    /// plus a part of <see cref="FirstLastValuesFlushSpread"/> that depends only on the patient id (FNV-1a), so it is the
    /// same on every host and in every test, and different patients' saves are spread over the whole of it.
    /// </summary>
    public static TimeSpan FirstLastValuesFlushDue(string patientId)
    {
        var hash = 2166136261u;
        foreach (var c in patientId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        var spreadMilliseconds = (uint)FirstLastValuesFlushSpread.TotalMilliseconds;
        return FirstLastValuesFlushMinimum + TimeSpan.FromMilliseconds(hash % spreadMilliseconds);
    }

    private async Task FlushLastValuesAsync(CancellationToken cancellationToken)
    {
        if (_lastValuesDirty)
        {
            await SaveAsync();
        }
    }

    /// <summary>
    /// Lets go of the episode and streams as last read or saved: the monitor holds the patient's state, and every save
    /// (<see cref="SaveAsync"/>, the only writer of the grain state) sets both afresh from it. Kept, they were a second
    /// copy of each active patient (28 KB an hour into an episode, 66 KB at 14 days: devices-sim/domain-benchmark.sh's
    /// memory table).
    /// </summary>
    private void ReleaseSavedCopy() => _state.State = _state.State with { Snapshot = null, Streams = null };

    private async Task SaveAsync()
    {
        _state.State = _state.State with
        {
            Snapshot = RequireEpisode().ToSnapshot(),
            ContinuousSampleAt = _monitor.ContinuousSampleAt,
            Streams = _monitor.StreamsState,
        };
        try
        {
            await _state.WriteStateAsync();
            ReleaseSavedCopy();
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
        // The overview's read model (PatientSummaryPublisher): written after every save, the batched flush included.
        await _summaries.PublishAsync(PatientId, RequireEpisode(), await ProtocolAsync());
    }

    private async Task PublishAllAsync(IEnumerable<Alert> alerts)
    {
        foreach (var alert in alerts)
        {
            // Information while it counts one measurement (raised, or a staff step on a fresh alert: the alert steps come
            // through here too, so the status is in the line); every further measurement counting towards it is Debug.
            _logger.Log(
                alert.Count <= 1 ? LogLevel.Information : LogLevel.Debug,
                "Alert {AlertId} for patient {PatientId}: {Level} {Reasons}, {Status} (count {Count}, protocol {ProtocolId})",
                alert.AlertId, PatientId, alert.Level.ToAlertCode(), string.Join(',', alert.Reasons), alert.Status.ToCode(), alert.Count, alert.ProtocolId);
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

    private static string NewId() => Guid.CreateVersion7().ToString("N");
}
