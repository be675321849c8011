using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ThuisMonitoring.InfluxDb.Tests.Server;

/// <summary>
/// A real <c>influxd</c> (Debian package <c>influxdb</c>, 1.6.7) of its own: a temp directory for meta, data and WAL,
/// HTTP and RPC on free loopback ports, configuration adapted from <c>influxd config</c>. It can be killed and
/// started again on the same directory and ports, like a server that crashes and comes back.
/// </summary>
public sealed class InfluxDbServer : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tm-influxd-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly StringBuilder _log = new();
    private Process? _process;
    private int _httpPort;
    private int _rpcPort;

    public string Url => $"http://127.0.0.1:{_httpPort}";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        (_httpPort, _rpcPort) = (FreePort(), FreePort());
        var defaults = await Run("influxd", "config");
        await File.WriteAllTextAsync(ConfigPath, Adapt(defaults));
        await StartAsync();
    }

    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var start = new ProcessStartInfo("influxd", ["run", "-config", ConfigPath])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("influxd did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"influxd exited with {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var ping = await http.GetAsync("/ping");
                if (ping.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"influxd did not answer /ping within 30 s:\n{Log}");
    }

    /// <summary>SIGKILL: no shutdown, whatever was acknowledged is in its WAL, nothing else.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public Task DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    private string ConfigPath => Path.Combine(_directory, "influxdb.conf");

    /// <summary>The default configuration with every address, directory and chatty default replaced.</summary>
    private string Adapt(string defaults)
    {
        var adapted = new StringBuilder("reporting-disabled = true\n");
        var section = string.Empty;
        foreach (var raw in defaults.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.StartsWith('['))
            {
                section = trimmed;
                adapted.Append(line).Append('\n');
                continue;
            }

            var key = trimmed.Split('=', 2)[0].Trim();
            adapted.Append((section, key) switch
            {
                ("", "bind-address") => $"bind-address = \"127.0.0.1:{_rpcPort}\"",
                ("", var k) when k.StartsWith("reporting-", StringComparison.Ordinal) => string.Empty,
                ("[meta]", "dir") => $"  dir = \"{Path.Combine(_directory, "meta")}\"",
                ("[data]", "dir") => $"  dir = \"{Path.Combine(_directory, "data")}\"",
                ("[data]", "wal-dir") => $"  wal-dir = \"{Path.Combine(_directory, "wal")}\"",
                ("[data]", "query-log-enabled") => "  query-log-enabled = false",
                ("[http]", "bind-address") => $"  bind-address = \"127.0.0.1:{_httpPort}\"",
                ("[http]", "log-enabled") => "  log-enabled = false",
                ("[http]", "bind-socket") => $"  bind-socket = \"{Path.Combine(_directory, "influxdb.sock")}\"",
                ("[monitor]", "store-enabled") => "  store-enabled = false",
                _ => line,
            }).Append('\n');
        }

        return adapted.ToString();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{file} {arguments} failed: {await error}");
    }
}
