using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Grains.Contracts;

namespace ThuisMonitoring.Host.Alerts;

/// <summary>
/// Every <c>Alerts:WatchIntervalSeconds</c> (default 15) asks each patient with an active alert that nobody has
/// claimed (and no escalation pending with a clinician) to raise again what has waited longer than its protocol allows
/// (<see cref="IPatientGrain.ReEscalateUnclaimed"/>). The grain decides; this only makes sure it is asked. A failing
/// patient is logged and asked again next round; the watch itself never stops the host.
/// </summary>
public sealed class AlertWatch(
    IAlertIndex alerts,
    IGrainFactory grains,
    IConfiguration configuration,
    ILogger<AlertWatch> logger) : BackgroundService
{
    public const string IntervalKey = "Alerts:WatchIntervalSeconds";

    private const int ActiveLimit = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue(IntervalKey, 15.0), 0.2, 3600));
        logger.LogInformation("Alert watch: unclaimed alerts are looked at every {Interval}", interval);

        // Real time between rounds: the test clock jumps, but the watch must keep its pace.
        using var timer = new PeriodicTimer(interval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WatchOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }

    /// <summary>One round: the patients whose unclaimed alerts may be due, each asked once.</summary>
    public async Task WatchOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> patients;
        try
        {
            patients = await PatientsWaitingAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Alert watch could not read the active alerts; trying again next round");
            return;
        }

        foreach (var patientId in patients)
        {
            try
            {
                // The grain logs each alert it raises again.
                await grains.GetGrain<IPatientGrain>(patientId).ReEscalateUnclaimed();
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(exception, "Alert watch: patient {PatientId} could not re-escalate its unclaimed alerts; trying again next round", patientId);
            }
        }
    }

    private async Task<IReadOnlyList<string>> PatientsWaitingAsync(CancellationToken cancellationToken)
    {
        var open = await alerts.ListAsync(AlertStatus.Open, ActiveLimit, cancellationToken);
        var acknowledged = await alerts.ListAsync(AlertStatus.Acknowledged, ActiveLimit, cancellationToken);
        return open.Concat(acknowledged)
            .Where(a => a.ClaimedBy is null && a.Escalation is not { IsPending: true })
            .Select(a => a.PatientId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
