using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using ThuisMonitoring.Storage.GrainState;

namespace ThuisMonitoring.Storage;

public static class EmbeddedGrainStorageExtensions
{
    /// <summary>
    /// Registers a named Orleans grain storage on <c>{dataDirectory}/grain-state.db</c>
    /// (use it with <c>[PersistentState("state", name)]</c>).
    /// </summary>
    public static ISiloBuilder AddEmbeddedGrainStorage(this ISiloBuilder silo, string name, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddEmbeddedGrainStorage(name, dataDirectory);
        return silo;
    }

    /// <inheritdoc cref="AddEmbeddedGrainStorage(ISiloBuilder, string, string)"/>
    public static IServiceCollection AddEmbeddedGrainStorage(this IServiceCollection services, string name, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var path = Path.Combine(dataDirectory, EmbeddedStoreOptions.GrainStateFileName);
        return services.AddGrainStorage(name, (sp, key) => new SqliteGrainStorage(
            key,
            path,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<SqliteGrainStorage>>()));
    }
}
