using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Traces;

/// <summary>A host on the adjustable test clock: a 20-minute trace is played in seconds, the clock moved along with it.</summary>
public sealed class TraceLibraryHost() : HostFixture(new Dictionary<string, string> { ["Testing:AdjustableClock"] = "true" });

[CollectionDefinition(Name)]
public sealed class TraceLibraryCollection : ICollectionFixture<TraceLibraryHost>
{
    public const string Name = "trace library host";
}
