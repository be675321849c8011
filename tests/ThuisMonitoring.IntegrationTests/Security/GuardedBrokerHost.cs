using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Security;

/// <summary>
/// A host of its own for the tests that lock an address out or fill a device's connections: with one connection per
/// device and 20 refused logins per address per minute, so the shared host's other tests are never throttled.
/// </summary>
public sealed class GuardedBrokerHost : IAsyncLifetime
{
    public const int RefusedLoginsPerAddress = 20;

    private HostProcess? _host;
    private Ward? _ward;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public Ward Ward => _ward ?? throw new InvalidOperationException("The host is not started.");

    public MosquittoClients Mosquitto => new(Host.MqttPort);

    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Mqtt:MaxConnectionsPerDevice"] = "1",
            ["Mqtt:MaxRefusedLoginsPerAddress"] = RefusedLoginsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:ThuisMonitoring.Mqtt"] = "Debug",
        });
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

[CollectionDefinition(Name)]
public sealed class GuardedBrokerCollection : ICollectionFixture<GuardedBrokerHost>
{
    public const string Name = "guarded broker host";
}
