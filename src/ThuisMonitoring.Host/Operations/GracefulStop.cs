using System.Diagnostics;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Grains.Patients;
using ThuisMonitoring.Mqtt.Broker;

namespace ThuisMonitoring.Host.Operations;

/// <summary>
/// The first steps of a graceful stop, before any hosted service stops (<see cref="IHostedLifecycleService.StoppingAsync"/>):
/// the broker stops taking publishes (<see cref="DeviceGateway.CloseAsync"/>), then every patient active on this silo
/// saves its episode while the silo, the timeline and the stores' group-commit writers are all still running. Only then
/// do the listeners, the silo (whose deactivations then find nothing left to save) and the stores stop.
/// </summary>
/// <remarks>
/// An explicit step rather than the silo's own deactivation on stop: the silo deactivates grains only once their queued
/// requests have run and within what is left of the shutdown budget after the listeners; at 2,000 patients under load
/// that was not enough and no episode was saved (docs/benchmarks.md). Here the saves have their own bound
/// (<see cref="SaveBudget"/>) and the count is in the log.
/// </remarks>
internal sealed class GracefulStop(
    DeviceGateway devices,
    ActivePatients patients,
    IGrainFactory grains,
    ILogger<GracefulStop> logger) : IHostedLifecycleService
{
    /// <summary>How long of <see cref="ShutdownComposition.Timeout"/> the patients' saves may take; the rest is the silo's and the stores'.</summary>
    public static readonly TimeSpan SaveBudget = TimeSpan.FromSeconds(4);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var sessions = 0;
        try
        {
            sessions = await devices.CloseAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Stopping: the device sessions were not all closed within the shutdown time");
        }

        var closedAt = clock.Elapsed;
        var active = patients.Snapshot();
        var (saved, failed) = await SaveAllAsync(active, cancellationToken);
        logger.Log(
            saved == active.Count ? LogLevel.Information : LogLevel.Warning,
            "Stopping: closed {Sessions} device sessions in {CloseMs} ms; {Saved} of {Active} active patients saved their episodes in {SaveMs} ms ({Failed} failed or out of time)",
            sessions, (long)closedAt.TotalMilliseconds, saved, active.Count, (long)(clock.Elapsed - closedAt).TotalMilliseconds, failed);
    }

    private async Task<(int Saved, int Failed)> SaveAllAsync(IReadOnlyList<string> active, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(SaveBudget);
        var saves = new Task[active.Count];
        for (var i = 0; i < active.Count; i++)
        {
            saves[i] = grains.GetGrain<IPatientGrain>(active[i]).SaveLastValues();
        }

        try
        {
            await Task.WhenAll(saves).WaitAsync(budget.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Counted below; what one patient could not save it catches up from the measurement store after the restart.
            logger.LogDebug(exception, "Stopping: a patient's save failed");
        }
        catch (OperationCanceledException)
        {
            // Out of time: counted below as not saved.
        }

        var saved = saves.Count(save => save.IsCompletedSuccessfully);
        return (saved, active.Count - saved);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
