namespace ThuisMonitoring.InfluxDb.Tests.Server;

/// <summary>Every class that needs influxd shares one server, one class at a time (the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class InfluxDbCollection : ICollectionFixture<InfluxDbServer>
{
    public const string Name = "influxd";

    /// <summary>A database of its own for each test.</summary>
    public static string NewDatabase() => "t_" + Guid.NewGuid().ToString("N")[..12];
}
