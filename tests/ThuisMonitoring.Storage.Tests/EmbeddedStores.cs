using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Storage.Capacity;
using ThuisMonitoring.Storage.Notifications;
using ThuisMonitoring.Storage.Privacy;
using ThuisMonitoring.Storage.Timeline;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>
/// The stores as the host composes them: <see cref="EmbeddedStoresServiceCollectionExtensions.AddEmbeddedStores(IServiceCollection, EmbeddedStoreOptions)"/>
/// plus a named grain storage, started like the host starts them. Disposing it is a shutdown; opening again on the
/// same directory is a restart.
/// </summary>
public sealed class EmbeddedStores : IStores
{
    public const string GrainStorageName = "patients";

    private readonly ServiceProvider _services;

    private EmbeddedStores(ServiceProvider services) => _services = services;

    public IUserDirectory Users => _services.GetRequiredService<IUserDirectory>();

    public IRefreshTokenStore RefreshTokens => _services.GetRequiredService<IRefreshTokenStore>();

    public IMeasurementJournal Journal => _services.GetRequiredService<IMeasurementJournal>();

    public Abstractions.TimeSeries.ITimeSeriesReader Trends => _services.GetRequiredService<Abstractions.TimeSeries.ITimeSeriesReader>();

    public IPatientDirectory Patients => _services.GetRequiredService<IPatientDirectory>();

    public IOrganisationDirectory Organisations => _services.GetRequiredService<IOrganisationDirectory>();

    public IDeviceRegistry Devices => _services.GetRequiredService<IDeviceRegistry>();

    public IMeasurementStore Measurements => _services.GetRequiredService<IMeasurementStore>();

    public IAlertIndex Alerts => _services.GetRequiredService<IAlertIndex>();

    public ICareHandoverRegister Handovers => _services.GetRequiredService<ICareHandoverRegister>();

    public IPairingCodes PairingCodes => _services.GetRequiredService<IPairingCodes>();

    public IRetiredDevices RetiredDevices => _services.GetRequiredService<IRetiredDevices>();

    public IFhirSubscriptionRegister FhirSubscriptions => _services.GetRequiredService<IFhirSubscriptionRegister>();

    public IFhirPushOutbox FhirPushes => _services.GetRequiredService<IFhirPushOutbox>();

    /// <summary>The outbox as the patient grain sees it (the port).</summary>
    public INotificationOutbox OutboxPort => _services.GetRequiredService<INotificationOutbox>();

    /// <summary>The outbox as the host's notification hook sees it.</summary>
    public INotificationOutboxDrain Outbox => _services.GetRequiredService<INotificationOutboxDrain>();

    public IServiceProvider Services => _services;

    public IAuditTrail AuditTrail => _services.GetRequiredService<IAuditTrail>();

    public IAuditLog AuditLog => _services.GetRequiredService<IAuditLog>();

    public IGrainStorage GrainStorage => _services.GetRequiredKeyedService<IGrainStorage>(GrainStorageName);

    public static async Task<EmbeddedStores> OpenAsync(string dataDirectory, Func<EmbeddedStoreOptions, EmbeddedStoreOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new EmbeddedStoreOptions(dataDirectory);
        var collection = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        var services = collection
            .AddEmbeddedStores(configure is null ? options : configure(options))
            .AddEmbeddedCapacity()
            .AddEmbeddedTimeline()
            .AddEmbeddedTimeSeries()
            .AddEmbeddedPrivacy(dataDirectory)
            .AddEmbeddedGrainStorage(GrainStorageName, dataDirectory)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new EmbeddedStores(services);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
