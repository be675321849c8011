using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.PostgreSql.Privacy;

namespace ThuisMonitoring.Storage.PostgreSql.Timeline;

public static class PostgresTimelineServiceCollectionExtensions
{
    /// <summary>
    /// The patients' timelines in the cluster's database, instead of <c>AddEmbeddedTimeline</c> (after
    /// <see cref="PostgresStoresServiceCollectionExtensions.AddPostgresStores"/>), and the timeline's part of an erasure
    /// (store <c>timeline</c>: the patient's rows, then a VACUUM of the table).
    /// </summary>
    public static IServiceCollection AddPostgresTimeline(this IServiceCollection services)
    {
        services.AddSingleton<ITimelineStore, PostgresTimelineStore>();
        services.AddSingleton<IPatientErasure>(sp => new PostgresPatientErasure(
            "timeline", sp.GetRequiredService<PostgresDatabase>(), ["DELETE FROM timeline_entries WHERE patient_id = @patient"], ["timeline_entries"]));
        return services;
    }
}
