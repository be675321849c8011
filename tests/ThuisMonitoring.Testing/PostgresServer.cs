using System.Diagnostics;
using System.Text;

namespace ThuisMonitoring.Testing;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package) of its own: a fresh cluster in a temp directory,
/// listening on a free loopback port with its socket inside that directory, stopped and deleted on dispose. PostgreSQL
/// refuses to run as root, so as root its programs run as the <c>postgres</c> user (<c>runuser</c>), which owns the
/// directory. Loopback connections are trusted (a test cluster that only this machine reaches).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Database = "thuismonitoring";

    private readonly string _bin;
    private readonly Process _server;
    private readonly StringBuilder _log;

    private PostgresServer(string bin, string directory, int port, Process server, StringBuilder log)
    {
        _bin = bin;
        Directory = directory;
        Port = port;
        _server = server;
        _log = log;
    }

    /// <summary>The temp directory of the cluster (data under <c>data/</c>, the socket beside it).</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>An Npgsql connection string to the test database.</summary>
    public string ConnectionString => ConnectionStringOf(Database);

    /// <summary>What the server wrote so far (for diagnosis).</summary>
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

    /// <summary>Whether the PostgreSQL server programs are installed (the test command installs them).</summary>
    public static bool IsInstalled => FindBin() is not null;

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql): no /usr/lib/postgresql/*/bin/postgres.");
        var directory = System.IO.Directory.CreateTempSubdirectory("thuismonitoring-pg-").FullName;
        var data = Path.Combine(directory, "data");
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", directory], asPostgres: false, cancellationToken);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "-N"], asPostgres: true, cancellationToken);
        var port = FreePort.Next();
        var log = new StringBuilder();
        var server = Start(Path.Combine(bin, "postgres"),
            ["-D", data, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", directory,
             "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "shared_buffers=64MB"],
            log);
        var postgres = new PostgresServer(bin, directory, port, server, log);
        try
        {
            await postgres.WaitUntilReadyAsync(TimeSpan.FromSeconds(30), cancellationToken);
            await RunAsync(Path.Combine(bin, "createdb"), ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", Database], asPostgres: true, cancellationToken);
            return postgres;
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh, empty database of its own (for a test that needs nothing of the others); answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await RunAsync(Path.Combine(_bin, "createdb"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", name], asPostgres: true, cancellationToken);
        return ConnectionStringOf(name);
    }

    private string ConnectionStringOf(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=15";

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the server stops at once. Sent to the postmaster
            // itself (its pid heads postmaster.pid): runuser in between need not pass signals on.
            var pidFile = Path.Combine(Directory, "data", "postmaster.pid");
            var pid = File.Exists(pidFile) ? File.ReadLines(pidFile).FirstOrDefault()?.Trim() : null;
            using (var kill = Process.Start("kill", ["-INT", pid ?? _server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _server.WaitForExitAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                _server.Kill(entireProcessTree: true);
                await _server.WaitForExitAsync();
            }
        }

        _server.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held: the temp directory is cleaned by the system.
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited at start (code {_server.ExitCode}):\n{Log}");
            }

            var ready = Start(Path.Combine(_bin, "pg_isready"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-q"], new StringBuilder());
            await ready.WaitForExitAsync(cancellationToken);
            if (ready.ExitCode == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"PostgreSQL not ready on port {Port} within {timeout}:\n{Log}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static string? FindBin() =>
        System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        using var process = Start(program, arguments, output, asPostgres);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}:\n{output}");
        }
    }

    private static Process Start(string program, IReadOnlyList<string> arguments, StringBuilder output, bool asPostgres = true)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres && IsRoot ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && IsRoot)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
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
