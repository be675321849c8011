using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Grains;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Grains.Patients;

/// <summary>
/// Thin host of one patient's <see cref="Episode"/>: loads and saves the snapshot, hands measurements to the domain
/// and publishes the alerts that changed. All clinical logic lives in the domain.
/// </summary>
public sealed class PatientGrain : Grain, IPatientGrain
{
    /// <summary>The grain storage provider name for episode state.</summary>
    public const string StorageName = "episodes";

    private static readonly TimeSpan LastValuesFlushInterval = TimeSpan.FromSeconds(10);
    private const int CatchUpLimit = 10_000;

    private readonly IPersistentState<PatientGrainState> _state;
    private readonly IAlertIndex _alertIndex;
    private readonly IMeasurementStore _measurements;
    private readonly IAlertNotifier _notifier;
    private readonly TimeProvider _clock;
    private readonly ILogger<PatientGrain> _logger;
    private Episode? _episode;
    private bool _lastValuesDirty;
    private IGrainTimer? _flushTimer;

    public PatientGrain(
        [PersistentState("episode", StorageName)] IPersistentState<PatientGrainState> state,
        IAlertIndex alertIndex,
        IMeasurementStore measurements,
        IAlertNotifier notifier,
        TimeProvider clock,
        ILogger<PatientGrain> logger)
    {
        _state = state;
        _alertIndex = alertIndex;
        _measurements = measurements;
        _notifier = notifier;
        _clock = clock;
        _logger = logger;
    }

    private string PatientId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.State.Snapshot is { } snapshot)
        {
            _episode = new Episode(snapshot);
            await CatchUpAsync(_episode, cancellationToken);
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
        await RecordAsync(missed.Select(m => m.Measurement).ToList());
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
        _logger.LogInformation("Patient {PatientId} enrolled via {Pathway}", PatientId, enrolment.Pathway.ToCode());
    }

    public Task<EpisodeSnapshot?> GetEpisode() => Task.FromResult(_episode?.ToSnapshot());

    public Task<PatientFeedback> Record(IReadOnlyList<Measurement> measurements, DeviceKind source) => RecordAsync(measurements);

    private async Task<PatientFeedback> RecordAsync(IReadOnlyList<Measurement> measurements)
    {
        var episode = RequireEpisode();
        var now = _clock.GetUtcNow();
        var feedback = PatientFeedback.For(episode.LastLevel);
        var changed = new Dictionary<string, Alert>();
        foreach (var measurement in measurements)
        {
            var update = episode.Record(measurement, CovidOxygenProtocol.Default, now, NewAlertId);
            feedback = update.Feedback;
            foreach (var alert in update.ChangedAlerts)
            {
                changed[alert.AlertId] = alert;
            }
        }

        if (changed.Count == 0)
        {
            // Last values are also in the measurement store; saving them is batched to keep the hot path lean.
            _lastValuesDirty = true;
            _flushTimer ??= this.RegisterGrainTimer(FlushLastValuesAsync, LastValuesFlushInterval, LastValuesFlushInterval);
            return feedback;
        }

        await SaveAsync();
        foreach (var alert in changed.Values)
        {
            _logger.LogInformation(
                "Alert {AlertId} for patient {PatientId}: {Level} {Reasons} (count {Count}, protocol {ProtocolId})",
                alert.AlertId, PatientId, alert.Level.ToAlertCode(), string.Join(',', alert.Reasons), alert.Count, alert.ProtocolId);
            await PublishAsync(alert);
        }

        return feedback;
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

    private Episode RequireEpisode() =>
        _episode ?? throw new PatientNotEnrolledException($"Patient {PatientId} is not enrolled.");

    private async Task FlushLastValuesAsync(CancellationToken cancellationToken)
    {
        if (_lastValuesDirty)
        {
            await SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        _state.State = new PatientGrainState(RequireEpisode().ToSnapshot());
        await _state.WriteStateAsync();
        _lastValuesDirty = false;
    }

    private async Task PublishAsync(Alert alert)
    {
        await _alertIndex.UpsertAsync(alert, CancellationToken.None);
        try
        {
            await _notifier.AlertChangedAsync(alert, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The alert is stored and indexed; consoles catch up by re-reading the list on reconnect.
            _logger.LogWarning(exception, "Could not push alert {AlertId} to the consoles", alert.AlertId);
        }
    }

    private static string NewAlertId() => Guid.CreateVersion7().ToString("N");
}
