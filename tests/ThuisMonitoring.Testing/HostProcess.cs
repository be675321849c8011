using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ThuisMonitoring.Testing;

/// <summary>
/// The real host, started as its own process (<c>dotnet ThuisMonitoring.Host.dll</c>) on free loopback ports and a
/// data directory of its own, and stopped (or killed) by the test. Its output is kept for diagnosis.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string AdminPassword = "beheer-wachtwoord-1";

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly bool _ownsDataDirectory;

    private HostProcess(Process process, StringBuilder output, HostPorts ports, string dataDirectory, bool ownsDataDirectory)
    {
        _process = process;
        _output = output;
        Ports = ports;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HostPorts Ports { get; }

    public string DataDirectory { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Ports.Http}");

    public int MqttPort => Ports.Mqtt;

    /// <summary>A client for the host's HTTP API, without credentials.</summary>
    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What the host wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The host's main assembly, built with the solution.</summary>
    public static string HostAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepositoryRoot.Path, "src", "ThuisMonitoring.Host", "bin", configuration, "net10.0", "ThuisMonitoring.Host.dll");
        }
    }

    /// <summary>Starts a host on a new temp data directory (or the given one, e.g. to restart on the same data) and waits until ready.</summary>
    public static async Task<HostProcess> StartAsync(string? dataDirectory = null, HostPorts? ports = null, IReadOnlyDictionary<string, string>? settings = null, TimeSpan? readyTimeout = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("thuismonitoring-test-").FullName;
        ports ??= HostPorts.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(HostAssembly);
        var arguments = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{ports.Http}",
            ["Mqtt:Port"] = ports.Mqtt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:SiloPort"] = ports.Silo.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = ports.Gateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Data:Directory"] = dataDirectory,
            ["Auth:AdminPassword"] = AdminPassword,
            ["Logging:LogLevel:Default"] = "Information",
            // Every test signs in from 127.0.0.1, hundreds of times a minute across a run: the flood cap per address
            // would throttle the suite. The login tests set their own limits (Auth/LoginHost.cs) and test it there.
            ["Auth:Lockout:RequestsPerMinutePerAddress"] = "100000",
            // GET /api/testing/endpoints: authorization tests enumerate the host's real endpoint list.
            ["Testing:EndpointCatalogue"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            arguments[key] = value;
        }

        foreach (var (key, value) in arguments)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, output, ports, dataDirectory, owns);
        await host.WaitUntilReadyAsync(readyTimeout ?? TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                // Without a timeout, WaitForExit also waits until stdout and stderr are read to the end.
                _process.WaitForExit();
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The host was not ready within {timeout}:\n{Output}");
    }

    /// <summary>An HTTP client logged in as the given user.</summary>
    public async Task<HttpClient> LoginAsync(string username = "admin", string password = AdminPassword)
    {
        var token = await GetTokenAsync(username, password);
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> GetTokenAsync(string username = "admin", string password = AdminPassword)
    {
        using var response = await Http.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Asks the host to stop (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>Kills the host at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
        _process.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

/// <summary>The ports one host listens on.</summary>
public sealed record HostPorts(int Http, int Mqtt, int Silo, int Gateway)
{
    public static HostPorts Free() => new(FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
}
