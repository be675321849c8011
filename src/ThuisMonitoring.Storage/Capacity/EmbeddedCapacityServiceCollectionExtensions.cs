using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Capacity;
using ThuisMonitoring.Abstractions.Privacy;

namespace ThuisMonitoring.Storage.Capacity;

public static class EmbeddedCapacityServiceCollectionExtensions
{
    /// <summary>
    /// The capacity registers in the directory file (after <see cref="EmbeddedStoresServiceCollectionExtensions.AddEmbeddedStores(IServiceCollection, string)"/>):
    /// centre settings, district-nursing teams and intake requests, and the intake requests' part of an erasure.
    /// </summary>
    public static IServiceCollection AddEmbeddedCapacity(this IServiceCollection services)
    {
        services.AddSingleton<SqliteCapacityStore>();
        services.AddSingleton<ICapacityRegister>(sp => sp.GetRequiredService<SqliteCapacityStore>());
        services.AddSingleton<IDistrictTeamRegister>(sp => sp.GetRequiredService<SqliteCapacityStore>());
        services.AddSingleton<IPatientErasure>(sp => sp.GetRequiredService<SqliteCapacityStore>());
        return services;
    }
}
