using Microsoft.Playwright;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// Two real hosts as one cluster on a real PostgreSQL (<see cref="PostgresServer"/>: a temp directory, a free port),
/// and a browser to look at a console of one of them. Each host keeps its ports and data directory, so it can be
/// killed and started again on the same port as in a rolling restart. Orleans' probes are shortened as in the
/// integration tests' cluster (tests/ThuisMonitoring.IntegrationTests/Cluster/HostCluster.cs); the
/// <see cref="Ward"/> is set up through host 2, which stays up.
/// </summary>
public sealed class ClusterConsoleSite : IAsyncLifetime
{
    private const int Size = 2;
    private readonly HostProcess?[] _hosts = new HostProcess?[Size];
    private readonly HostPorts[] _ports = [HostPorts.Free(), HostPorts.Free()];
    private readonly string[] _directories = [.. Enumerable.Range(0, Size).Select(_ => Directory.CreateTempSubdirectory("thuismonitoring-browser-cluster-").FullName)];
    private readonly List<HostProcess> _retired = [];
    private Dictionary<string, string>? _settings;
    private PostgresServer? _postgres;
    private ConsoleBrowser? _browser;
    private Ward? _ward;

    /// <summary>Host <paramref name="index"/> (0-based) as it runs now.</summary>
    public HostProcess this[int index] => _hosts[index] ?? throw new InvalidOperationException($"Host {index + 1} is not running.");

    /// <summary>The admin's ward, through host 2.</summary>
    public Ward Ward => _ward ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var browser = ConsoleBrowser.LaunchAsync();
        _postgres = await PostgresServer.StartAsync();
        _settings = new Dictionary<string, string>
        {
            ["Cluster:Provider"] = "PostgreSql",
            ["Cluster:ConnectionString"] = await _postgres.CreateDatabaseAsync("browser_" + Guid.NewGuid().ToString("N")[..12]),
            ["Cluster:Membership:ProbeTimeout"] = "00:00:01",
            ["Cluster:Membership:NumMissedProbesLimit"] = "2",
            ["Cluster:Membership:NumVotesForDeathDeclaration"] = "1",
            ["Cluster:Membership:TableRefreshTimeout"] = "00:00:02",
            ["Cluster:Membership:IAmAliveTablePublishTimeout"] = "00:00:05",
        };

        // The first host migrates the schema alone; then the second joins.
        await StartAsync(0);
        await StartAsync(1);
        _browser = await browser;
        _ward = await Ward.OpenAsync(this[1]);
    }

    /// <summary>Starts host <paramref name="index"/> (again) on its own ports and data directory and waits until it is ready.</summary>
    public async Task StartAsync(int index)
    {
        if (_hosts[index] is { HasExited: false })
        {
            throw new InvalidOperationException($"Host {index + 1} is running.");
        }

        _hosts[index] = await HostProcess.StartAsync(_directories[index], _ports[index], _settings, TimeSpan.FromSeconds(120));
    }

    /// <summary>SIGKILL of host <paramref name="index"/>, as a crash.</summary>
    public void Kill(int index)
    {
        var host = this[index];
        host.Kill();
        _retired.Add(host);
        _hosts[index] = null;
    }

    /// <summary>A console at host <paramref name="index"/>'s own address.</summary>
    public Task<ConsolePage> OpenConsoleAsync(int index, BrowserNewContextOptions? options = null) =>
        (_browser ?? throw new InvalidOperationException("Not started.")).OpenConsoleAsync(this[index].BaseAddress, options);

    public async Task DisposeAsync()
    {
        _ward?.Dispose();
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        foreach (var host in _hosts.OfType<HostProcess>().Concat(_retired))
        {
            await host.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        foreach (var directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }
}
