using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Storage.Measurements;
using ThuisMonitoring.Storage.Reminders;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Privacy;

public static class EmbeddedPrivacyServiceCollectionExtensions
{
    /// <summary>
    /// The AVG side of the embedded stores (after <see cref="EmbeddedStoresServiceCollectionExtensions.AddEmbeddedStores(IServiceCollection, string)"/>):
    /// the erasure register (<c>privacy.db</c>), an <see cref="IPatientErasure"/> for each file that keeps patient data
    /// (directory, measurements, grain state, reminders) and the raw-measurement retention of <c>measurements.db</c>.
    /// </summary>
    public static IServiceCollection AddEmbeddedPrivacy(this IServiceCollection services, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        services.AddSingleton<IErasureRegister, SqliteErasureRegister>();
        services.AddSingleton<IPatientErasure>(sp => new DirectoryErasure(
            sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<IDeviceRegistry>(), sp.GetRequiredService<IPatientDirectory>() as Directory.SqlitePatientDirectory));
        services.AddSingleton<IPatientErasure>(sp => FileErasure.Measurements(() => MeasurementStore(sp).Database, rows => MeasurementStore(sp).Removed(rows)));
        services.AddSingleton<IPatientErasure>(_ => FileErasure.GrainState(Path.Combine(dataDirectory, EmbeddedStoreOptions.GrainStateFileName)));
        services.AddSingleton<IPatientErasure>(_ => FileErasure.Reminders(Path.Combine(dataDirectory, EmbeddedRemindersExtensions.FileName)));
        services.AddSingleton<IRawMeasurementRetention>(sp => new SqliteRawMeasurementRetention(() => MeasurementStore(sp).Database, rows => MeasurementStore(sp).Removed(rows)));
        return services;
    }

    private static SqliteMeasurementStore MeasurementStore(IServiceProvider services) =>
        services.GetRequiredService<IMeasurementStore>() as SqliteMeasurementStore
            ?? throw new InvalidOperationException("The embedded privacy stores need the embedded measurement store.");
}
