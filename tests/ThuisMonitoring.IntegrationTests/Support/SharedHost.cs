using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>
/// One real host process for all tests of a collection: started once (that takes seconds), each test admits its
/// own patients so they do not see each other. <paramref name="settings"/> configure the host for the collection.
/// </summary>
public abstract class HostFixture(IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    private HostProcess? _host;
    private Ward? _ward;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public Ward Ward => _ward ?? throw new InvalidOperationException("The host is not started.");

    public MosquittoClients Mosquitto => new(Host.MqttPort);

    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartAsync(settings: settings);
        _ward = await Ward.OpenAsync(_host);
    }

    public async Task DisposeAsync()
    {
        _ward?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>The host most integration tests share, with the default configuration.</summary>
public sealed class SharedHost : HostFixture;

[CollectionDefinition(Name)]
public sealed class SharedHostCollection : ICollectionFixture<SharedHost>
{
    public const string Name = "shared host";
}
