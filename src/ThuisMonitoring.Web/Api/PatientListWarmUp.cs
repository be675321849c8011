using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// Prepares the patient list once the host has started: reads the directory and the overview's read model (the
/// embedded stores keep them in memory from then on) and serialises every patient's row into
/// <see cref="PatientRowCache"/>, as <c>GET /api/patients</c> would. Without it the first list after a restart did all
/// of that for 10,000 patients while the nurse waited (1.3 s, against about 0.2 s for every list after it). Patients
/// without a summary are left to the first list (it asks their grain; this activates none), and nobody's rows are
/// shown to anyone here: who sees which row is decided per request. <c>/health/ready</c> waits for it (<see cref="Done"/>),
/// so a load balancer sends the first list to a host that has its rows.
/// </summary>
public sealed class PatientListWarmUp(
    IPatientDirectory directory,
    IPatientSummaries summaries,
    AlertPresenter presenter,
    PatientRowCache rows,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<PatientListWarmUp> logger) : BackgroundService
{
    private volatile bool _done;

    /// <summary>The rows are prepared, or preparing them failed (then the first list prepares them): either way, nothing to wait for.</summary>
    public bool Done => _done;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // After the start, not during it: readiness and the silo's recovery come first.
            await StartedAsync(stoppingToken);
            var started = Stopwatch.GetTimestamp();
            var prepared = await PrepareAsync(stoppingToken);
            logger.LogInformation("Patient list prepared: {Rows} rows in {Milliseconds} ms", prepared, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // Nothing is lost: the first list prepares what this did not.
            logger.LogWarning(exception, "Patient list not prepared at start; the first list prepares it");
        }
        finally
        {
            _done = true;
        }
    }

    /// <summary>Serialises the row of every patient with a summary; returns how many.</summary>
    private async Task<int> PrepareAsync(CancellationToken cancellationToken)
    {
        var records = await directory.ListAsync(cancellationToken);
        var stored = await summaries.ListAsync(cancellationToken);
        var names = new ClinicianNames(presenter);
        var now = clock.GetUtcNow();
        var prepared = 0;
        foreach (var record in records)
        {
            if (stored.TryGetValue(record.PatientId, out var summary))
            {
                rows.RowOf(record, summary, await names.OfAsync(record.ResponsibleClinician, cancellationToken), now);
                prepared++;
            }
        }

        return prepared;
    }

    private async Task StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }
}
