using System.Diagnostics;
using System.Text.Json;
using Polly;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Delivery;
using ThuisMonitoring.Storage.Notifications;
using ThuisMonitoring.Web;

namespace ThuisMonitoring.Host.Notifications;

/// <summary>
/// Delivers the notification outbox through the configured hook channels (webhook, command). Each attempt has a
/// timeout and two quick retries in process (<see cref="DeliveryAttempt"/>); a notification that still fails stays in the outbox and is offered
/// again after a backoff that doubles per failure (<see cref="NotificationHookOptions.RetryDelay"/>), across restarts.
/// Delivery is at least once: a receiver deduplicates on <c>notificationId</c>.
/// </summary>
public sealed class NotificationHook : BackgroundService
{
    private const int BatchSize = 50;

    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private readonly INotificationOutboxDrain _outbox;
    private readonly IReadOnlyList<INotificationChannel> _channels;
    private readonly IPatientDirectory _patients;
    private readonly IUserDirectory _users;
    private readonly NotificationHookOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<NotificationHook> _logger;
    private readonly ResiliencePipeline _attempt;
    private readonly NotificationDisclosure _disclosure;

    public NotificationHook(
        INotificationOutboxDrain outbox,
        IEnumerable<INotificationChannel> channels,
        IPatientDirectory patients,
        IUserDirectory users,
        NotificationHookOptions options,
        TimeProvider clock,
        ILogger<NotificationHook> logger,
        NotificationDisclosure disclosure)
    {
        _disclosure = disclosure;
        _outbox = outbox;
        _channels = [.. channels];
        _patients = patients;
        _users = users;
        _options = options;
        _clock = clock;
        _logger = logger;
        _attempt = DeliveryAttempt.Pipeline(firstRetryDelay: TimeSpan.FromMilliseconds(500), tryTimeout: TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_channels.Count == 0)
        {
            _logger.LogWarning(
                "No notification hook configured (Notifications:WebhookUrl, Notifications:Command): escalations and re-escalations wait in the outbox until one is");
            return;
        }

        _logger.LogInformation("Notification hook delivering through {Channels}", string.Join(", ", _channels.Select(c => c.Name)));
        await OutboxDrain.RunAsync(
            DeliverDueAsync, BatchSize, _outbox.WaitForEnqueuedAsync, OutboxDrain.PollInterval(_options.PollSeconds), _clock,
            exception => _logger.LogError(exception, "Notification outbox could not be read; trying again"), stoppingToken);
    }

    private async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = await _outbox.ListDueAsync(_clock.GetUtcNow(), BatchSize, cancellationToken);
        foreach (var pending in due)
        {
            await DeliverAsync(pending, cancellationToken);
        }

        return due.Count;
    }

    private async Task DeliverAsync(PendingNotification pending, CancellationToken cancellationToken)
    {
        var notification = pending.Notification;
        var message = await DescribeAsync(notification, cancellationToken);
        var json = JsonSerializer.Serialize(message, Json);
        await RecordDisclosureAsync(notification, cancellationToken);
        var elapsed = Stopwatch.StartNew();
        try
        {
            foreach (var channel in _channels)
            {
                await _attempt.ExecuteAsync(
                    async token => await channel.DeliverAsync(json, message, token), cancellationToken);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var failures = pending.Attempts + 1;
            var next = _clock.GetUtcNow() + _options.RetryDelay(failures);
            await _outbox.MarkFailedAsync(notification.NotificationId, exception.Message, next, cancellationToken);
            _logger.LogWarning(
                "Notification {NotificationId} ({Kind} to {Recipient}, patient {PatientId}, alert {AlertId}) not delivered (failure {Failures}): {Error}; next attempt at {NextAttempt}",
                notification.NotificationId, notification.Kind, notification.Recipient, notification.PatientId, notification.AlertId,
                failures, exception.Message, next);
            return;
        }

        await _outbox.MarkDeliveredAsync(notification.NotificationId, _clock.GetUtcNow(), cancellationToken);
        _logger.LogInformation(
            "Notification {NotificationId} ({Kind} to {Recipient}, patient {PatientId}, alert {AlertId}) delivered in {ElapsedMs} ms after {Failures} failed attempts",
            notification.NotificationId, notification.Kind, notification.Recipient, notification.PatientId, notification.AlertId,
            elapsed.ElapsedMilliseconds, pending.Attempts);
    }

    /// <summary>Audited before it leaves; an audit failure does not hold back an escalation (logged as an error).</summary>
    private async Task RecordDisclosureAsync(ClinicalNotification notification, CancellationToken cancellationToken)
    {
        try
        {
            await _disclosure.RecordAsync(notification, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            _logger.LogError(exception, "Audit trail not written for notification {NotificationId} (patient {PatientId}); delivering anyway",
                notification.NotificationId, notification.PatientId);
        }
    }

    private async Task<NotificationMessage> DescribeAsync(ClinicalNotification notification, CancellationToken cancellationToken)
    {
        var patient = await _patients.GetAsync(notification.PatientId, cancellationToken);
        string? recipientName;
        string? recipientAddress;
        if (notification.Recipient == ClinicalNotification.ShiftLead)
        {
            recipientName = null;
            recipientAddress = _options.ShiftLead;
        }
        else
        {
            recipientName = (await _users.FindAsync(notification.Recipient, cancellationToken))?.DisplayName;
            recipientAddress = _options.Recipients.TryGetValue(notification.Recipient, out var address) ? address : null;
        }

        return new NotificationMessage(
            notification.NotificationId, notification.Kind, notification.Recipient, recipientName, recipientAddress,
            notification.PatientId, patient?.Name, notification.AlertId, notification.Level, notification.Reasons,
            notification.By, notification.Note, notification.At.ToUniversalTime());
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        StaffWebExtensions.Configure(options);
        return options;
    }
}
