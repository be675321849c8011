using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Delivery;
using ThuisMonitoring.Fhir.Access;
using ThuisMonitoring.Fhir.Http;

namespace ThuisMonitoring.Fhir.Subscriptions;

/// <summary>
/// Delivers the FHIR push outbox, as the notification hook delivers its outbox: each push is POSTed to its
/// subscription's endpoint (<c>application/fhir+json</c>, the Flag as it was at the change) with
/// <c>X-Notification-Id</c>, <c>X-Subscription-Id</c> and the HMAC <c>X-Signature</c>. Each attempt has a timeout and
/// two quick retries (<see cref="DeliveryAttempt"/>); a push that still fails stays queued and is offered again after a doubling backoff, also
/// after a restart. At least once: the receiver deduplicates on the notification id.
/// </summary>
internal sealed class SubscriptionDelivery : BackgroundService
{
    public const string HttpClientName = "fhir-subscriptions";
    private const int BatchSize = 50;

    private readonly IFhirPushOutbox _outbox;
    private readonly IFhirSubscriptionRegister _subscriptions;
    private readonly IHttpClientFactory _http;
    private readonly FhirAudit _audit;
    private readonly SubscriptionOwner _owners;
    private readonly SubscriptionOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SubscriptionDelivery> _logger;
    private readonly ResiliencePipeline _attempt;

    public SubscriptionDelivery(
        IFhirPushOutbox outbox, IFhirSubscriptionRegister subscriptions, IHttpClientFactory http, FhirAudit audit, SubscriptionOwner owners, SubscriptionOptions options,
        TimeProvider clock, ILogger<SubscriptionDelivery> logger)
    {
        _outbox = outbox;
        _subscriptions = subscriptions;
        _http = http;
        _audit = audit;
        _owners = owners;
        _options = options;
        _clock = clock;
        _logger = logger;
        _attempt = DeliveryAttempt.Pipeline(firstRetryDelay: TimeSpan.FromMilliseconds(200), tryTimeout: TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        OutboxDrain.RunAsync(
            DeliverDueAsync, BatchSize, _outbox.WaitForEnqueuedAsync, OutboxDrain.PollInterval(_options.PollSeconds), _clock,
            exception => _logger.LogError(exception, "FHIR push outbox could not be read; trying again"), stoppingToken);

    private async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var due = await _outbox.ListDueAsync(_clock.GetUtcNow(), BatchSize, cancellationToken);
        foreach (var pending in due)
        {
            await DeliverAsync(pending, cancellationToken);
        }

        return due.Count;
    }

    private async Task DeliverAsync(PendingFhirPush pending, CancellationToken cancellationToken)
    {
        var push = pending.Push;
        var subscription = await _subscriptions.GetAsync(push.SubscriptionId, cancellationToken);
        if (subscription is not { Active: true })
        {
            // Switched off since: nothing more goes out for it.
            await _outbox.MarkDeliveredAsync(push.NotificationId, _clock.GetUtcNow(), cancellationToken);
            _logger.LogInformation("FHIR push {NotificationId} dropped: subscription {SubscriptionId} is off", push.NotificationId, push.SubscriptionId);
            return;
        }

        // Visibility is decided now, not at registration nor at queueing: an owner who lost sight of the patient (care
        // handed over to another organisation, account disabled) is told nothing more.
        var owner = await _owners.CurrentAsync(subscription, cancellationToken);
        if (!await _owners.MaySeeAsync(owner, push.PatientId, cancellationToken))
        {
            await WithholdAsync(subscription, push, cancellationToken);
            return;
        }

        var elapsed = Stopwatch.StartNew();
        try
        {
            // Audited before the data leaves, at every attempt (a failed one may have disclosed it too); a trail that
            // cannot be written is a failed attempt, so nothing leaves unaudited.
            if (!await _audit.TryRecordAsync(owner!, [push.PatientId], AuditResources.Alert, AuditActions.Read))
            {
                throw new IOException("the audit trail could not be written");
            }

            var withheld = false;
            await _attempt.ExecuteAsync(async token =>
            {
                // Again before every try: the retries of one attempt may outlast the owner's sight of the patient.
                withheld = !await _owners.MaySeeAsync(await _owners.CurrentAsync(subscription, token), push.PatientId, token);
                if (!withheld)
                {
                    await PostAsync(subscription, push, token);
                }
            }, cancellationToken);
            if (withheld)
            {
                await WithholdAsync(subscription, push, cancellationToken);
                return;
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var failures = pending.Attempts + 1;
            var next = _clock.GetUtcNow() + _options.RetryDelay(failures);
            await _outbox.MarkFailedAsync(push.NotificationId, exception.Message, next, cancellationToken);
            _logger.LogWarning("FHIR push {NotificationId} to subscription {SubscriptionId} not delivered (failure {Failures}): {Error}; next attempt at {NextAttempt}",
                push.NotificationId, push.SubscriptionId, failures, exception.Message, next);
            return;
        }

        await _outbox.MarkDeliveredAsync(push.NotificationId, _clock.GetUtcNow(), cancellationToken);
        _logger.LogInformation("FHIR push {NotificationId} ({ResourceType}/{ResourceId}) delivered to subscription {SubscriptionId} in {ElapsedMs} ms after {Failures} failed attempts",
            push.NotificationId, push.ResourceType, push.ResourceId, push.SubscriptionId, elapsed.ElapsedMilliseconds, pending.Attempts);
    }

    private async Task WithholdAsync(FhirSubscriptionRecord subscription, FhirPush push, CancellationToken cancellationToken)
    {
        await _outbox.MarkDeliveredAsync(push.NotificationId, _clock.GetUtcNow(), cancellationToken);
        _logger.LogInformation("FHIR push {NotificationId} withheld: the owner {Owner} of subscription {SubscriptionId} may no longer see patient {PatientId}",
            push.NotificationId, subscription.Owner, push.SubscriptionId, push.PatientId);
    }

    private async Task PostAsync(FhirSubscriptionRecord subscription, FhirPush push, CancellationToken cancellationToken)
    {
        using var content = new StringContent(push.ResourceJson, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson.MediaType) { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Endpoint) { Content = content };
        request.Headers.Add("X-Notification-Id", push.NotificationId);
        request.Headers.Add("X-Subscription-Id", push.SubscriptionId);
        request.Headers.Add(PushSignature.Header, PushSignature.Of(subscription.Secret, push.ResourceJson));
        foreach (var header in subscription.Headers)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            request.Headers.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim());
        }

        using var response = await _http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }
}
