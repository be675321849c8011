using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Capacity;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.Abstractions.Protocols;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.Storage.Notifications;
using ThuisMonitoring.Storage.PostgreSql.Alerts;
using ThuisMonitoring.Storage.PostgreSql.Audit;
using ThuisMonitoring.Storage.PostgreSql.Capacity;
using ThuisMonitoring.Storage.PostgreSql.Directory;
using ThuisMonitoring.Storage.PostgreSql.Handovers;
using ThuisMonitoring.Storage.PostgreSql.Measurements;
using ThuisMonitoring.Storage.PostgreSql.Notifications;
using ThuisMonitoring.Storage.PostgreSql.Privacy;
using ThuisMonitoring.Storage.PostgreSql.Protocols;
using ThuisMonitoring.Storage.PostgreSql.Subscriptions;

namespace ThuisMonitoring.Storage.PostgreSql;

public static class PostgresStoresServiceCollectionExtensions
{
    /// <summary>
    /// Cluster mode (<c>Cluster:Provider=PostgreSql</c>): the durable stores every host of the cluster shares, in the
    /// cluster's database, replacing the embedded ones registered before (<c>AddEmbeddedStores</c>): the directory
    /// (users, refresh tokens, patients, device bindings, organisations and a centre's clients, pairing codes, retired
    /// app credentials), the measurement store, the alert index, the care handovers, the overview's patient summaries, the notification outbox, FHIR
    /// subscriptions and their push outbox, the protocol library and the audit trail. A hosted service migrates the schema and starts listening for
    /// device binding changes before the host takes connections.
    /// </summary>
    public static IServiceCollection AddPostgresStores(this IServiceCollection services, string connectionString, PostgresStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(sp => new PostgresDatabase(connectionString, sp.GetRequiredService<ILogger<PostgresDatabase>>()));
        services.TryAddSingleton(options ?? new PostgresStoreOptions());
        services.Replace(ServiceDescriptor.Singleton<IUserDirectory, PostgresUserDirectory>());
        services.Replace(ServiceDescriptor.Singleton<IRefreshTokenStore, PostgresRefreshTokenStore>());
        services.Replace(ServiceDescriptor.Singleton<IPatientDirectory, PostgresPatientDirectory>());
        services.TryAddSingleton<PostgresNotifications>();
        services.AddSingleton<PostgresDeviceRegistry>();
        services.Replace(ServiceDescriptor.Singleton<IDeviceRegistry>(sp => sp.GetRequiredService<PostgresDeviceRegistry>()));
        services.Replace(ServiceDescriptor.Singleton<IOrganisationDirectory, PostgresOrganisationDirectory>());
        services.Replace(ServiceDescriptor.Singleton<IPairingCodes, PostgresPairingCodes>());
        services.Replace(ServiceDescriptor.Singleton<IRetiredDevices, PostgresRetiredDevices>());
        services.Replace(ServiceDescriptor.Singleton<ICareHandoverRegister, PostgresCareHandoverRegister>());
        services.Replace(ServiceDescriptor.Singleton<IPatientSummaries, Summaries.PostgresPatientSummaries>());
        services.Replace(ServiceDescriptor.Singleton<IFhirSubscriptionRegister, PostgresFhirSubscriptionRegister>());
        services.Replace(ServiceDescriptor.Singleton<IFhirPushOutbox>(sp => new PostgresFhirPushOutbox(
            sp.GetRequiredService<PostgresDatabase>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<PostgresFhirPushOutbox>>())));
        services.AddSingleton<PostgresMeasurementStore>();
        services.Replace(ServiceDescriptor.Singleton<IMeasurementStore>(sp => sp.GetRequiredService<PostgresMeasurementStore>()));
        services.Replace(ServiceDescriptor.Singleton<IAlertIndex, PostgresAlertIndex>());
        services.AddSingleton(sp => new PostgresNotificationOutbox(
            sp.GetRequiredService<PostgresDatabase>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<PostgresNotificationOutbox>>()));
        services.Replace(ServiceDescriptor.Singleton<INotificationOutbox>(sp => sp.GetRequiredService<PostgresNotificationOutbox>()));
        services.Replace(ServiceDescriptor.Singleton<INotificationOutboxDrain>(sp => sp.GetRequiredService<PostgresNotificationOutbox>()));
        services.Replace(ServiceDescriptor.Singleton<IProtocolLibrary>(sp => new PostgresProtocolLibrary(
            sp.GetRequiredService<PostgresDatabase>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<PostgresProtocolLibrary>>())));
        services.AddSingleton<PostgresAuditTrail>();
        services.Replace(ServiceDescriptor.Singleton<IAuditTrail>(sp => sp.GetRequiredService<PostgresAuditTrail>()));
        services.Replace(ServiceDescriptor.Singleton<IAuditLog>(sp => sp.GetRequiredService<PostgresAuditTrail>()));
        // The embedded stores' start-up would open (and create) their files; in cluster mode nothing of them is used.
        foreach (var embeddedStartup in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(EmbeddedStoresStartup)).ToList())
        {
            services.Remove(embeddedStartup);
        }

        services.AddHostedService<PostgresStoresStartup>();
        return services;
    }

    /// <summary>
    /// A journal reader's cursor shared by the hosts and leased to one at a time (<paramref name="name"/>: the
    /// reader, e.g. <c>influxdb</c>), replacing a per-host cursor file, so the reader handles each measurement once.
    /// </summary>
    public static IServiceCollection AddPostgresJournalCursor(this IServiceCollection services, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.Replace(ServiceDescriptor.Singleton<IJournalCursor>(sp => new PostgresJournalCursor(
            sp.GetRequiredService<PostgresDatabase>(), name, sp.GetRequiredService<ILogger<PostgresJournalCursor>>())));
        return services;
    }

    /// <summary>
    /// The capacity registers in the cluster's database, instead of <c>AddEmbeddedCapacity</c> (after
    /// <see cref="AddPostgresStores"/>): centre settings, district-nursing teams and intake requests, and the intake
    /// requests' part of an erasure.
    /// </summary>
    public static IServiceCollection AddPostgresCapacity(this IServiceCollection services)
    {
        services.AddSingleton<PostgresCapacityStore>();
        services.AddSingleton<ICapacityRegister>(sp => sp.GetRequiredService<PostgresCapacityStore>());
        services.AddSingleton<IDistrictTeamRegister>(sp => sp.GetRequiredService<PostgresCapacityStore>());
        services.AddSingleton<IPatientErasure>(sp => sp.GetRequiredService<PostgresCapacityStore>());
        return services;
    }

    /// <summary>
    /// The AVG side of the cluster's stores, instead of <c>AddEmbeddedPrivacy</c>: the erasure register, an
    /// <see cref="IPatientErasure"/> for each part of the database that keeps patient data (directory, measurements,
    /// grain state, reminders) and the raw-measurement retention of the measurements table.
    /// </summary>
    public static IServiceCollection AddPostgresPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<IErasureRegister, PostgresErasureRegister>();
        services.AddSingleton<IPatientErasure>(sp => PostgresPatientErasure.Directory(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<IDeviceRegistry>()));
        services.AddSingleton<IPatientErasure>(sp => PostgresPatientErasure.Measurements(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IPatientErasure>(sp => PostgresPatientErasure.GrainState(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IPatientErasure>(sp => PostgresPatientErasure.Reminders(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IRawMeasurementRetention, PostgresRawMeasurementRetention>();
        return services;
    }

    /// <summary>
    /// The measurement store's other faces in cluster mode, instead of <c>AddEmbeddedTimeSeries</c>: the journal the
    /// InfluxDB forwarder drains, the trend reader on the measurements table and the warm-up and artefact flags.
    /// </summary>
    public static IServiceCollection AddPostgresTimeSeries(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IMeasurementJournal>(sp => sp.GetRequiredService<PostgresMeasurementStore>()));
        services.Replace(ServiceDescriptor.Singleton<ITimeSeriesReader, PostgresTimeSeriesReader>());
        services.Replace(ServiceDescriptor.Singleton<IMeasurementFlags, PostgresMeasurementFlags>());
        return services;
    }
}
