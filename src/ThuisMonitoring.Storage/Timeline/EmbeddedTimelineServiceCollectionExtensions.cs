using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Privacy;

namespace ThuisMonitoring.Storage.Timeline;

public static class EmbeddedTimelineServiceCollectionExtensions
{
    /// <summary>
    /// The patients' timelines in <c>timeline.db</c> (after <see cref="EmbeddedStoresServiceCollectionExtensions.AddEmbeddedStores(IServiceCollection, string)"/>),
    /// and the timeline's part of an erasure (store <c>timeline</c>: the patient's rows, securely deleted, then the file vacuumed).
    /// </summary>
    public static IServiceCollection AddEmbeddedTimeline(this IServiceCollection services)
    {
        services.AddSingleton<SqliteTimelineStore>();
        services.AddSingleton<ITimelineStore>(sp => sp.GetRequiredService<SqliteTimelineStore>());
        services.AddSingleton<IPatientErasure>(sp => new FileErasure(
            "timeline", () => sp.GetRequiredService<SqliteTimelineStore>().Database, "timeline_entries", "patient_id = $patientId", vacuum: true));
        return services;
    }
}
