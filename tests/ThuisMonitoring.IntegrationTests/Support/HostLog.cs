using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>
/// Writes what the host logged while one test ran (warnings and errors, with their detail lines) to the test's
/// output, so a failing test shows the host's side of the story.
/// </summary>
public sealed class HostLog(HostProcess host, ITestOutputHelper output) : IDisposable
{
    private const int MaxLines = 200;

    private readonly int _start = host.Output.Length;

    /// <summary>Everything the host wrote since this log was opened.</summary>
    public string SinceStart
    {
        get
        {
            var all = host.Output;
            return _start <= all.Length ? all[_start..] : all;
        }
    }

    /// <summary>Writes every warning and error the host logged in its whole life (for hosts a test starts itself).</summary>
    public static void WriteAll(HostProcess host, ITestOutputHelper output) =>
        Write(output, $"Host at {host.BaseAddress} (MQTT {host.MqttPort}, data {host.DataDirectory})", host.Output);

    public void Dispose() => Write(output, "Host warnings and errors during this test", SinceStart);

    /// <summary>The warning and error entries of a console log, each with its indented detail lines.</summary>
    public static string Problems(string log)
    {
        var kept = new List<string>();
        var keeping = false;
        foreach (var line in log.Split('\n'))
        {
            if (!line.StartsWith(' '))
            {
                keeping = line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);
            }

            if (keeping)
            {
                kept.Add(line.TrimEnd('\r'));
            }
        }

        return string.Join('\n', kept.TakeLast(MaxLines));
    }

    private static void Write(ITestOutputHelper output, string heading, string log)
    {
        try
        {
            output.WriteLine($"{heading}:\n{Problems(log)}");
        }
        catch (InvalidOperationException)
        {
            // No test is active any more.
        }
    }
}
