using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.Subscriptions;

namespace ThuisMonitoring.Fhir.Subscriptions;

/// <summary>
/// At start, compares the alert index with the FHIR push outbox: every alert changed since the oldest active
/// subscription was registered (at most <see cref="SubscriptionOptions.ReconcileDays"/> back) is offered again as the
/// Flag it now is. The outbox ignores a notification id it holds already (queued or delivered), so this queues exactly
/// the changes the host stored but did not queue: a crash between storing the alert and queueing its push, an outbox
/// that could not be written, or a host that ran without the FHIR adapter. Delivery is at least once, never lost.
/// </summary>
internal sealed class FlagReconciliation(
    IAlertIndex alerts, IFhirSubscriptionRegister subscriptions, FlagPushes pushes, SubscriptionOptions options, TimeProvider clock,
    ILogger<FlagReconciliation> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReconcileAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "FHIR push outbox not reconciled with the alert index at start");
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var active = await subscriptions.ListActiveAsync(cancellationToken);
        if (active.Count == 0)
        {
            return;
        }

        var oldest = active.Min(s => s.CreatedAt);
        var window = clock.GetUtcNow() - TimeSpan.FromDays(options.ReconcileDays);
        var from = oldest > window ? oldest : window;
        var since = from;
        var (checkedAlerts, offered) = (0, 0);
        while (true)
        {
            var batch = await alerts.ListChangedSinceAsync(since, BatchSize, cancellationToken);
            foreach (var alert in batch)
            {
                offered += await pushes.QueueAsync(alert, active, cancellationToken);
            }

            checkedAlerts += batch.Count;
            // Changes at one instant may straddle batches: the next batch starts at the last one's instant (offered again: ignored).
            if (batch.Count < BatchSize || batch[^1].UpdatedAt == since)
            {
                break;
            }

            since = batch[^1].UpdatedAt;
        }

        logger.LogInformation("FHIR push outbox reconciled with the alert index: {Alerts} alerts changed since {Since:O} offered to {Subscriptions} subscriptions ({Offered} pushes, already queued ones ignored)",
            checkedAlerts, from, active.Count, offered);
    }
}
