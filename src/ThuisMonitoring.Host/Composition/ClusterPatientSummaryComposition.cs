using Microsoft.Extensions.DependencyInjection.Extensions;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Storage.PostgreSql.Notifications;
using ThuisMonitoring.Web.Hubs;

namespace ThuisMonitoring.Host.Composition;

/// <summary>
/// In cluster mode a console on any host sees every patient's overview change, as it sees every alert
/// (<see cref="ClusterAlertComposition"/>): the host whose silo saved the patient pushes to its own consoles and
/// notifies the patient id on <see cref="PostgresPatientChannel"/>; every other host reads the summary from the shared
/// read model and pushes it to its consoles. Nothing of this in the single-host default.
/// </summary>
public static class ClusterPatientSummaryComposition
{
    public static void AddClusterPatientSummaries(this WebApplicationBuilder builder, SiteOptions site)
    {
        if (site.Cluster.Provider != ClusterProvider.PostgreSql)
        {
            return;
        }

        var origin = Guid.NewGuid().ToString("N");
        builder.Services.TryAddSingleton<PostgresNotifications>();
        builder.Services.AddSingleton<PostgresPatientChannel>();
        builder.Services.AddSingleton<SignalRPatientSummaryNotifier>();
        builder.Services.Decorate<IPatientSummaryNotifier>((sp, inner) => new BroadcastingPatientSummaryNotifier(
            inner, sp.GetRequiredService<PostgresPatientChannel>(), origin, sp.GetRequiredService<ILogger<BroadcastingPatientSummaryNotifier>>()));
        builder.Services.AddHostedService(sp => new PatientSummaryBroadcastListener(
            sp.GetRequiredService<PostgresPatientChannel>(), sp.GetRequiredService<IPatientSummaries>(), sp.GetRequiredService<SignalRPatientSummaryNotifier>(), origin));
    }
}

/// <summary>Pushes to this host's consoles, then tells the other hosts (a failed broadcast is logged; the local push stands).</summary>
internal sealed class BroadcastingPatientSummaryNotifier(
    IPatientSummaryNotifier local, PostgresPatientChannel channel, string origin, ILogger<BroadcastingPatientSummaryNotifier> logger) : IPatientSummaryNotifier
{
    public async Task SummaryChangedAsync(PatientSummary summary, CancellationToken cancellationToken)
    {
        await local.SummaryChangedAsync(summary, cancellationToken);
        try
        {
            await channel.PublishAsync(new PatientSummaryBroadcast(origin, summary.PatientId), cancellationToken);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or TimeoutException)
        {
            logger.LogError(exception, "Overview change of patient {PatientId} not broadcast to the other hosts' consoles", summary.PatientId);
        }
    }
}

/// <summary>Hears the other hosts' overview changes and pushes the stored summary to this host's consoles.</summary>
internal sealed class PatientSummaryBroadcastListener(
    PostgresPatientChannel channel, IPatientSummaries summaries, SignalRPatientSummaryNotifier consoles, string origin) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        channel.ListenAsync(async broadcast =>
        {
            if (broadcast.Origin != origin && await summaries.GetAsync(broadcast.PatientId, stoppingToken) is { } summary)
            {
                await consoles.SummaryChangedAsync(summary, stoppingToken);
            }
        }, stoppingToken);
}
