using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Privacy;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Privacy;

namespace ThuisMonitoring.Host.Privacy;

/// <summary>
/// The scheduled purge (every <see cref="PrivacyOptions.PurgeInterval"/>, on the host's clock for what is due):
/// thins raw continuous samples past <see cref="RetentionPolicy.RawMeasurementDays"/> in every measurement store,
/// erases the whole record of patients whose episode ended more than <see cref="RetentionPolicy.MedicalRecordYears"/>
/// ago, and completes approved erasures that did not finish. Each run is audited (actor and channel <c>system</c>).
/// </summary>
public sealed class RetentionPurge(
    PrivacyOptions options,
    IEnumerable<IRawMeasurementRetention> rawStores,
    IPatientDirectory directory,
    IGrainFactory grains,
    PatientDataErasure erasure,
    IErasureRegister erasures,
    IAuditTrail audit,
    TimeProvider clock,
    ILogger<RetentionPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The schedule runs on real time (the test clock moves "now", not timers); what is due is decided on the host's clock.
        using var timer = new PeriodicTimer(options.PurgeInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RunAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Retention purge failed; trying again in {Interval}", options.PurgeInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One purge run.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var thinned = 0L;
        foreach (var store in rawStores)
        {
            foreach (var organisation in await store.OrganisationsAsync(cancellationToken))
            {
                var cutoff = RetentionRule.RawCutoff(options.For(organisation), now);
                foreach (var (patientId, count) in await store.ThinRawAsync(new RawMeasurementScope(organisation), cutoff, cancellationToken))
                {
                    thinned += count;
                    await RecordAsync(now, organisation, patientId, "vitals", cancellationToken);
                    logger.LogInformation("Retention: {Count} raw samples of patient {PatientId} before {Cutoff} removed from {Store}", count, patientId, cutoff, store.Store);
                }
            }
        }

        var erased = 0;
        foreach (var patient in await directory.ListAsync(cancellationToken))
        {
            var episode = await grains.GetGrain<IPatientGrain>(patient.PatientId).GetEpisode();
            var endedAt = episode?.Transitions?.LastOrDefault(t => t.To is EpisodeState.Ended or EpisodeState.Readmitted)?.At;
            if (episode is not null && episode.State is EpisodeState.Ended or EpisodeState.Readmitted
                && RetentionRule.IsRecordDue(options.For(patient.Organisation), endedAt, now))
            {
                await erasure.EraseAsync(patient.PatientId, cancellationToken);
                await RecordAsync(now, patient.Organisation, patient.PatientId, AuditResources.Patient, cancellationToken);
                erased++;
            }
        }

        foreach (var unfinished in (await erasures.ListAsync(cancellationToken)).Where(e => e.Status == ErasureStatus.Approved))
        {
            await erasure.EraseAsync(unfinished.PatientId, cancellationToken);
            await erasures.SaveAsync(unfinished.CarriedOut(clock.GetUtcNow()), cancellationToken);
            await RecordAsync(now, unfinished.Organisation, unfinished.PatientId, AuditResources.Patient, cancellationToken);
        }

        // The run itself, also when it removed nothing: the trail shows the purge ran.
        await RecordAsync(now, null, null, AuditResources.Retention, cancellationToken);
        logger.LogInformation("Retention purge at {Now}: {Thinned} raw samples thinned, {Erased} records past retention erased", now, thinned, erased);
    }

    private ValueTask RecordAsync(DateTimeOffset at, string? organisation, string? patientId, string resource, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            new AuditEvent(at, AuditRecorder.SystemActor, AuditRecorder.SystemActor, organisation, patientId, resource, AuditActions.Delete, AuditChannels.System, AuditPurposes.Retention),
            cancellationToken);
}
