using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Storage.Alerts;
using ThuisMonitoring.Storage.Audit;
using ThuisMonitoring.Storage.Directory;
using ThuisMonitoring.Storage.Handovers;
using ThuisMonitoring.Storage.Measurements;
using ThuisMonitoring.Storage.Notifications;
using ThuisMonitoring.Storage.Protocols;
using ThuisMonitoring.Storage.Sqlite;
using ThuisMonitoring.Storage.Subscriptions;

namespace ThuisMonitoring.Storage;

public static class EmbeddedStoresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the five store ports as singletons on SQLite files in <paramref name="dataDirectory"/>
    /// (<c>thuismonitoring.db</c>: users, patients, device bindings, alerts, protocol layers and their change log, the notification outbox; <c>measurements.db</c>; <c>audit.db</c>: the audit trail), and a hosted
    /// service that creates the directory and schema and loads the device bindings when the host starts.
    /// </summary>
    public static IServiceCollection AddEmbeddedStores(this IServiceCollection services, string dataDirectory) =>
        services.AddEmbeddedStores(new EmbeddedStoreOptions(dataDirectory));

    /// <inheritdoc cref="AddEmbeddedStores(IServiceCollection, string)"/>
    public static IServiceCollection AddEmbeddedStores(this IServiceCollection services, EmbeddedStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        services.AddSingleton(options);
        services.AddSingleton(_ => new SqliteDatabase(options.PathOf(EmbeddedStoreOptions.DirectoryFileName)));
        services.AddSingleton<IUserDirectory, SqliteUserDirectory>();
        services.AddSingleton<IRefreshTokenStore, SqliteRefreshTokenStore>();
        services.AddSingleton<IPatientDirectory, SqlitePatientDirectory>();
        services.AddSingleton<IOrganisationDirectory, SqliteOrganisationDirectory>();
        services.AddSingleton<SqliteDeviceRegistry>();
        services.AddSingleton<IDeviceRegistry>(sp => sp.GetRequiredService<SqliteDeviceRegistry>());
        services.AddSingleton<IPairingCodes, SqlitePairingCodes>();
        services.AddSingleton<IRetiredDevices, SqliteRetiredDevices>();
        services.AddSingleton<IAlertIndex, SqliteAlertIndex>();
        services.AddSingleton<ICareHandoverRegister, SqliteCareHandoverRegister>();
        services.AddSingleton<Summaries.SqlitePatientSummaries>();
        services.AddSingleton<IPatientSummaries>(sp => sp.GetRequiredService<Summaries.SqlitePatientSummaries>());
        services.AddSingleton<Abstractions.Privacy.IPatientErasure>(sp => new Summaries.SummaryErasure(sp.GetRequiredService<Summaries.SqlitePatientSummaries>()));
        services.AddSingleton<IProtocolLibrary>(sp => new SqliteProtocolLibrary(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<SqliteProtocolLibrary>>()));
        services.AddSingleton(sp => new SqliteNotificationOutbox(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<SqliteNotificationOutbox>>()));
        services.AddSingleton<INotificationOutbox>(sp => sp.GetRequiredService<SqliteNotificationOutbox>());
        services.AddSingleton<IFhirSubscriptionRegister, SqliteFhirSubscriptionRegister>();
        services.AddSingleton<IFhirPushOutbox>(sp => new SqliteFhirPushOutbox(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<SqliteFhirPushOutbox>>()));
        services.AddSingleton<INotificationOutboxDrain>(sp => sp.GetRequiredService<SqliteNotificationOutbox>());
        services.AddSingleton<IMeasurementStore>(sp => new SqliteMeasurementStore(
            sp.GetRequiredService<EmbeddedStoreOptions>(),
            sp.GetRequiredService<ILogger<SqliteMeasurementStore>>()));
        services.AddSingleton(sp => new SqliteAuditTrail(
            sp.GetRequiredService<EmbeddedStoreOptions>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<SqliteAuditTrail>>()));
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<SqliteAuditTrail>());
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditTrail>());
        services.AddHostedService<EmbeddedStoresStartup>();
        return services;
    }
}
