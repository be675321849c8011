using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Notifications;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Abstractions.TimeSeries;
using ThuisMonitoring.Storage.Notifications;
using ThuisMonitoring.Storage.PostgreSql;
using ThuisMonitoring.Storage.PostgreSql.Timeline;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>The store ports one host sees, whichever implementation; disposing is a shutdown.</summary>
public interface IStores : IAsyncDisposable
{
    IUserDirectory Users { get; }

    IRefreshTokenStore RefreshTokens { get; }

    IPatientDirectory Patients { get; }

    IDeviceRegistry Devices { get; }

    IMeasurementStore Measurements { get; }

    IMeasurementJournal Journal { get; }

    ITimeSeriesReader Trends { get; }

    IAlertIndex Alerts { get; }

    /// <summary>The outbox as the patient grain sees it (the port).</summary>
    INotificationOutbox OutboxPort { get; }

    /// <summary>The outbox as the host's notification hook sees it.</summary>
    INotificationOutboxDrain Outbox { get; }

    IAuditTrail AuditTrail { get; }

    IAuditLog AuditLog { get; }

    IOrganisationDirectory Organisations { get; }

    IPairingCodes PairingCodes { get; }

    IRetiredDevices RetiredDevices { get; }

    ICareHandoverRegister Handovers { get; }

    IFhirSubscriptionRegister FhirSubscriptions { get; }

    IFhirPushOutbox FhirPushes { get; }

    /// <summary>Everything else the stores registered (protocol library, privacy stores).</summary>
    IServiceProvider Services { get; }
}

/// <summary>How a test tunes the stores it opens.</summary>
public sealed record StoreTuning(int? MeasurementBatchSize = null, TimeSpan? DeviceCacheLifetime = null, TimeProvider? Time = null);

/// <summary>
/// Where a contract test's stores live. <see cref="OpenAsync"/> again on the same site is a restart; two open at once
/// are two hosts (only the cluster's database can be shared: <see cref="SharedByHosts"/>).
/// </summary>
public interface IStoreSite : IDisposable
{
    bool SharedByHosts { get; }

    Task<IStores> OpenAsync(StoreTuning? tuning = null);
}

/// <summary>The embedded stores in a fresh data directory.</summary>
public sealed class SqliteSite : IStoreSite
{
    private readonly TemporaryDataDirectory _data = new();

    public string DataDirectory => _data.Path;

    public bool SharedByHosts => false;

    public async Task<IStores> OpenAsync(StoreTuning? tuning = null) =>
        await EmbeddedStores.OpenAsync(_data.Path, tuning?.MeasurementBatchSize is { } size ? o => o with { MeasurementBatchSize = size } : null, tuning?.Time);

    public void Dispose() => _data.Dispose();
}

/// <summary>The cluster's stores in a fresh PostgreSQL database (created on the first open).</summary>
public sealed class PostgresSite(PostgresCluster cluster) : IStoreSite
{
    private readonly SemaphoreSlim _created = new(1, 1);
    private string? _connectionString;

    public bool SharedByHosts => true;

    public async Task<string> ConnectionStringAsync()
    {
        await _created.WaitAsync();
        try
        {
            return _connectionString ??= await cluster.NewConnectionStringAsync();
        }
        finally
        {
            _created.Release();
        }
    }

    public async Task<IStores> OpenAsync(StoreTuning? tuning = null) =>
        await PostgresStores.OpenAsync(await ConnectionStringAsync(), tuning);

    public void Dispose() => _created.Dispose();
}

/// <summary>The cluster's stores as a host composes them (<see cref="PostgresStoresServiceCollectionExtensions"/>), started like the host starts them.</summary>
public sealed class PostgresStores : IStores
{
    private readonly ServiceProvider _services;

    private PostgresStores(ServiceProvider services) => _services = services;

    public IUserDirectory Users => _services.GetRequiredService<IUserDirectory>();

    public IRefreshTokenStore RefreshTokens => _services.GetRequiredService<IRefreshTokenStore>();

    public IPatientDirectory Patients => _services.GetRequiredService<IPatientDirectory>();

    public IDeviceRegistry Devices => _services.GetRequiredService<IDeviceRegistry>();

    public IMeasurementStore Measurements => _services.GetRequiredService<IMeasurementStore>();

    public IMeasurementJournal Journal => _services.GetRequiredService<IMeasurementJournal>();

    public ITimeSeriesReader Trends => _services.GetRequiredService<ITimeSeriesReader>();

    public IAlertIndex Alerts => _services.GetRequiredService<IAlertIndex>();

    public INotificationOutbox OutboxPort => _services.GetRequiredService<INotificationOutbox>();

    public INotificationOutboxDrain Outbox => _services.GetRequiredService<INotificationOutboxDrain>();

    public IAuditTrail AuditTrail => _services.GetRequiredService<IAuditTrail>();

    public IAuditLog AuditLog => _services.GetRequiredService<IAuditLog>();

    public IOrganisationDirectory Organisations => _services.GetRequiredService<IOrganisationDirectory>();

    public IPairingCodes PairingCodes => _services.GetRequiredService<IPairingCodes>();

    public IRetiredDevices RetiredDevices => _services.GetRequiredService<IRetiredDevices>();

    public ICareHandoverRegister Handovers => _services.GetRequiredService<ICareHandoverRegister>();

    public IFhirSubscriptionRegister FhirSubscriptions => _services.GetRequiredService<IFhirSubscriptionRegister>();

    public IFhirPushOutbox FhirPushes => _services.GetRequiredService<IFhirPushOutbox>();

    public IServiceProvider Services => _services;

    public static async Task<PostgresStores> OpenAsync(string connectionString, StoreTuning? tuning = null)
    {
        var options = new PostgresStoreOptions();
        if (tuning?.MeasurementBatchSize is { } size)
        {
            options = options with { MeasurementBatchSize = size };
        }

        if (tuning?.DeviceCacheLifetime is { } lifetime)
        {
            options = options with { DeviceCacheLifetime = lifetime };
        }

        var collection = new ServiceCollection().AddLogging();
        if (tuning?.Time is { } time)
        {
            collection.AddSingleton(time);
        }

        var services = collection
            .AddPostgresStores(connectionString, options)
            .AddPostgresCapacity()
            .AddPostgresTimeline()
            .AddPostgresTimeSeries()
            .AddPostgresPrivacy()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new PostgresStores(services);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>A contract test: the same facts for each implementation, on a site of its own per test.</summary>
public abstract class StoreContract(IStoreSite site) : IDisposable
{
    protected IStoreSite Site => site;

    protected Task<IStores> OpenAsync(StoreTuning? tuning = null) => site.OpenAsync(tuning);

    public void Dispose()
    {
        site.Dispose();
        GC.SuppressFinalize(this);
    }
}
