using System.Globalization;

namespace ThuisMonitoring.DeviceSimulator.Load;

/// <summary>
/// Reads the host's CPU time and resident memory from /proc (Linux): utime + stime of /proc/PID/stat and VmRSS of
/// /proc/PID/status.
/// </summary>
public sealed class HostProcessProbe
{
    // USER_HZ; 100 on every mainstream Linux build, and /proc/PID/stat reports in these ticks.
    private const double TicksPerSecond = 100;

    public HostProcessProbe(int pid) => Pid = pid;

    public int Pid { get; }

    /// <summary>
    /// The probe for <paramref name="pid"/>, or for the ThuisMonitoring.Host process found in /proc; null if none.
    /// When several hosts run, the one whose command line mentions one of <paramref name="hints"/> (its URL or MQTT
    /// port) is taken, else the newest.
    /// </summary>
    public static HostProcessProbe? Find(int? pid, IReadOnlyList<string>? hints = null)
    {
        if (pid is { } given)
        {
            return File.Exists($"/proc/{given}/stat") ? new HostProcessProbe(given) : null;
        }

        return FindHostPid(hints ?? []) is { } found ? new HostProcessProbe(found) : null;
    }

    /// <summary>CPU seconds used so far and resident memory in MiB; null when the process is gone.</summary>
    public HostSample? Sample()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            var status = File.ReadAllLines($"/proc/{Pid}/status");
            return new HostSample(CpuSeconds(stat), RssMebibytes(status));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>utime + stime in seconds from the text of /proc/PID/stat.</summary>
    internal static double CpuSeconds(string stat)
    {
        // The command name (field 2) is in parentheses and may hold spaces; count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    /// <summary>VmRSS in MiB from the lines of /proc/PID/status.</summary>
    internal static double RssMebibytes(IEnumerable<string> status)
    {
        foreach (var line in status)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return Math.Round(kib / 1024.0, 1);
            }
        }

        throw new FormatException("No VmRSS line in /proc/PID/status.");
    }

    /// <summary>True for the command line of the host itself (its apphost or <c>dotnet ThuisMonitoring.Host.dll</c>), not <c>dotnet run</c>.</summary>
    internal static bool IsHostCommandLine(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            return false;
        }

        if (Path.GetFileName(arguments[0]) == "ThuisMonitoring.Host")
        {
            return true;
        }

        return Path.GetFileName(arguments[0]) == "dotnet"
            && arguments.Skip(1).Take(3).Any(a => a.EndsWith("ThuisMonitoring.Host.dll", StringComparison.Ordinal));
    }

    private static int? FindHostPid(IReadOnlyList<string> hints)
    {
        var candidates = new List<(int Pid, string[] Arguments)>();
        var self = Environment.ProcessId;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self)
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (IsHostCommandLine(arguments))
                {
                    candidates.Add((pid, arguments));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return Choose(candidates, hints);
    }

    /// <summary>The candidate whose arguments mention a hint, else the newest (highest pid); null when none.</summary>
    internal static int? Choose(IReadOnlyList<(int Pid, string[] Arguments)> candidates, IReadOnlyList<string> hints)
    {
        var hinted = candidates
            .Where(c => c.Arguments.Any(a => hints.Any(h => a.Contains(h, StringComparison.OrdinalIgnoreCase))))
            .ToArray();
        var pool = hinted.Length > 0 ? hinted : candidates;
        return pool.Count == 0 ? null : pool.Max(c => c.Pid);
    }
}

/// <summary>One reading of the host process.</summary>
public sealed record HostSample(double CpuSeconds, double RssMebibytes);
