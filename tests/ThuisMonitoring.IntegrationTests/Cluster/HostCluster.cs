using Npgsql;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Cluster;

/// <summary>
/// Two or three real hosts (<see cref="HostProcess"/>) on loopback as one cluster on a database of their own: each
/// host keeps its ports and data directory for the whole test, so it can be killed (SIGKILL), stopped (SIGTERM) and
/// started again as an operator would. Orleans' probes are shortened (<c>Cluster:Membership:*</c>) so a killed silo
/// is declared dead in seconds rather than in a minute; everything else is the production configuration.
/// </summary>
public sealed class HostCluster : IAsyncDisposable
{
    /// <summary>Test-friendly membership: probes of 1 s, two missed ones suspect, one vote declares dead.</summary>
    public static readonly IReadOnlyDictionary<string, string> FastMembership = new Dictionary<string, string>
    {
        ["Cluster:Membership:ProbeTimeout"] = "00:00:01",
        ["Cluster:Membership:NumMissedProbesLimit"] = "2",
        ["Cluster:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Cluster:Membership:TableRefreshTimeout"] = "00:00:02",
        ["Cluster:Membership:IAmAliveTablePublishTimeout"] = "00:00:05",
    };

    private readonly HostProcess?[] _hosts;
    private readonly HostPorts[] _ports;
    private readonly string[] _directories;
    private readonly Dictionary<string, string> _settings;
    private readonly ITestOutputHelper _output;
    private readonly List<HostProcess> _retired = [];

    private HostCluster(string connectionString, int size, Dictionary<string, string> settings, ITestOutputHelper output)
    {
        ConnectionString = connectionString;
        _hosts = new HostProcess?[size];
        _ports = Enumerable.Range(0, size).Select(_ => HostPorts.Free()).ToArray();
        _directories = Enumerable.Range(0, size).Select(_ => Directory.CreateTempSubdirectory("thuismonitoring-cluster-").FullName).ToArray();
        _settings = settings;
        _output = output;
    }

    public string ConnectionString { get; }

    public int Size => _hosts.Length;

    /// <summary>Host <paramref name="index"/> (0-based) as it runs now.</summary>
    public HostProcess this[int index] => _hosts[index] ?? throw new InvalidOperationException($"Host {index + 1} is not running.");

    public HostPorts PortsOf(int index) => _ports[index];

    /// <summary>Every host's MQTT port, in host order (a device's list of brokers to fail over to).</summary>
    public IReadOnlyList<int> MqttPorts => _ports.Select(p => p.Mqtt).ToList();

    /// <summary>Starts <paramref name="size"/> hosts on a new database and waits until all are active silos.</summary>
    public static async Task<HostCluster> StartAsync(
        PostgresServer server, string name, int size, ITestOutputHelper output, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await server.CreateDatabaseAsync(name + "_" + Guid.NewGuid().ToString("N")[..12]);
        var all = new Dictionary<string, string>(FastMembership)
        {
            ["Cluster:Provider"] = "PostgreSql",
            ["Cluster:ConnectionString"] = database,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var cluster = new HostCluster(database, size, all, output);
        try
        {
            // The first migrates the schema alone; the others join together.
            var started = System.Diagnostics.Stopwatch.StartNew();
            await cluster.StartHostAsync(0);
            output.WriteLine($"host 1 ready after {started.Elapsed}");
            await Task.WhenAll(Enumerable.Range(1, size - 1).Select(cluster.StartHostAsync));
            output.WriteLine($"{size} hosts ready after {started.Elapsed}");
            await cluster.WaitForActiveSilosAsync(size);
            output.WriteLine($"{size} active silos after {started.Elapsed}");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts host <paramref name="index"/> (again) on its own ports and data directory and waits until it is ready.</summary>
    public async Task StartHostAsync(int index)
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

    /// <summary>SIGTERM of host <paramref name="index"/> and its graceful stop.</summary>
    public async Task StopAsync(int index)
    {
        var host = this[index];
        await host.StopAsync(TimeSpan.FromSeconds(60));
        _retired.Add(host);
        _hosts[index] = null;
    }

    /// <summary>Waits until the membership table shows <paramref name="count"/> active silos (and no silo joining).</summary>
    public Task WaitForActiveSilosAsync(int count) =>
        Eventually.GetAsync(SilosAsync, s => s.Count(x => x.Status == "Active") == count, TimeSpan.FromSeconds(120), $"{count} active silos");

    /// <summary>Waits until the silo of host <paramref name="index"/>, killed or stopped, is no longer active in the membership table.</summary>
    public Task WaitUntilGoneAsync(int index) =>
        Eventually.GetAsync(
            SilosAsync,
            s => !s.Any(x => x.Port == _ports[index].Silo && x.Status == "Active"),
            TimeSpan.FromSeconds(120),
            $"the silo of host {index + 1} declared dead");

    public async Task<IReadOnlyList<(int Port, string Status)>> SilosAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT silo_address, status FROM membership", connection);
        var silos = new List<(int, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var address = Orleans.Runtime.SiloAddress.FromParsableString(reader.GetString(0));
            silos.Add((address.Endpoint.Port, ((Orleans.Runtime.SiloStatus)reader.GetInt32(1)).ToString()));
        }

        return silos;
    }

    /// <summary>The message ids stored for a device, one row each (duplicates kept, so a double store shows).</summary>
    public async Task<IReadOnlyList<string>> StoredMessageIdsAsync(string deviceId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT message_id FROM measurements WHERE device_id = @device", connection);
        command.Parameters.AddWithValue("device", deviceId);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Which host logged the enrolment of <paramref name="patientId"/>: the silo its grain was activated on.</summary>
    public int? HostThatEnrolled(string patientId)
    {
        for (var i = 0; i < Size; i++)
        {
            if (_hosts[i]?.Output.Contains($"Patient {patientId} enrolled via", StringComparison.Ordinal) == true)
            {
                return i;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (host, i) in _hosts.Select((h, i) => (h, i)))
        {
            if (host is not null)
            {
                Tail($"host {i + 1}", host.Output);
                await host.DisposeAsync();
            }
        }

        foreach (var host in _retired)
        {
            Tail($"retired host on port {host.Ports.Http}", host.Output);
            await host.DisposeAsync();
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

    private void Tail(string name, string output)
    {
        try
        {
            _output.WriteLine($"--- {name} ---");
            _output.WriteLine(output.Length > 6000 ? output[^6000..] : output);
        }
        catch (InvalidOperationException)
        {
            // No test is running any more.
        }
    }
}
