using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Security;

/// <summary>
/// A host of its own for the tests that lock an address out or fill a device's connections: with one connection per
/// device and 20 refused logins per address per minute, so the shared host's other tests are never throttled.
/// </summary>
public sealed class GuardedBrokerHost() : HostFixture(new Dictionary<string, string>
{
    ["Mqtt:MaxConnectionsPerDevice"] = "1",
    ["Mqtt:MaxRefusedLoginsPerAddress"] = RefusedLoginsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["Logging:LogLevel:ThuisMonitoring.Mqtt"] = "Debug",
})
{
    public const int RefusedLoginsPerAddress = 20;
}

[CollectionDefinition(Name)]
public sealed class GuardedBrokerCollection : ICollectionFixture<GuardedBrokerHost>
{
    public const string Name = "guarded broker host";
}
