using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>
/// The hosts a test starts one after another, often on the same data directory (a restart): disposed newest first,
/// because the first host owns (and deletes) the data directory the later ones reuse, each with its log written to the
/// test's output.
/// </summary>
public sealed class HostSequence(ITestOutputHelper output) : IAsyncDisposable
{
    private readonly List<HostProcess> _hosts = [];

    public async Task<HostProcess> StartAsync(string? dataDirectory = null, HostPorts? ports = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = await HostProcess.StartAsync(dataDirectory, ports, settings);
        _hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            await _hosts[i].DisposeAsync();
            HostLog.WriteAll(_hosts[i], output);
        }
    }
}
