using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Operations;

/// <summary>A cluster configuration that cannot work stops the host at once with one line naming the key, not a stack trace.</summary>
public sealed class ClusterSettingsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Cassandra", null, "Cluster:Provider: 'Cassandra' is not a cluster provider; use Localhost or PostgreSql.")]
    [InlineData("PostgreSql", null, "Cluster:Provider=PostgreSql needs Cluster:ConnectionString")]
    public async Task A_cluster_setting_that_cannot_work_exits_with_one_clear_line(string provider, string? connectionString, string expected)
    {
        var settings = new Dictionary<string, string> { ["Cluster:Provider"] = provider };
        if (connectionString is not null)
        {
            settings["Cluster:ConnectionString"] = connectionString;
        }

        var start = () => HostProcess.StartAsync(settings: settings, readyTimeout: TimeSpan.FromSeconds(20));

        var refusal = (await start.Should().ThrowAsync<InvalidOperationException>("the host must exit, not get ready")).Which;
        output.WriteLine(refusal.Message);
        refusal.Message.Should().Contain("exited with code 1").And.Contain(expected).And.NotContain("   at ", "no stack trace");
    }
}
