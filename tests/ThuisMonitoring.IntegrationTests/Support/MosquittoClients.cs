using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>
/// The Eclipse Mosquitto command-line clients (<c>mosquitto_pub</c>, <c>mosquitto_sub</c>; Debian package
/// mosquitto-clients) as child processes: a second, independent MQTT implementation talking to the embedded broker.
/// Every run is bounded by a timeout so a hanging broker fails the test instead of the whole run.
/// </summary>
public sealed class MosquittoClients(int port, string host = "127.0.0.1")
{
    public const string V311 = "mqttv311";
    public const string V5 = "mqttv5";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Publishes one message with <c>-d</c> (so the packets show in the output). No client id is given:
    /// mosquitto_pub then sends an empty one, which an MQTT 3.1.1 server must accept with a clean session.
    /// </summary>
    /// <param name="options">More mosquitto_pub options, e.g. <c>-i</c> (client id), <c>-c</c> (no clean session), <c>-A</c> (source address).</param>
    public Task<MosquittoRun> PublishAsync(string version, string username, string password, string topic, string payload, int qos = 1, IReadOnlyList<string>? options = null)
    {
        var arguments = Connection(version, username, password);
        arguments.AddRange(["-t", topic, "-q", qos.ToString(CultureInfo.InvariantCulture), "-m", payload, "-d"]);
        arguments.AddRange(options ?? []);
        return RunAsync("mosquitto_pub", arguments);
    }

    /// <summary>
    /// Starts <c>mosquitto_sub -v -d -C count -W seconds</c> on the given topics and returns once the broker has
    /// answered the SUBSCRIBE, so nothing published afterwards can be missed.
    /// </summary>
    /// <param name="options">More mosquitto_sub options, e.g. <c>-i</c> (client id), <c>-c</c> (no clean session), <c>--will-topic</c>.</param>
    public async Task<MosquittoSubscription> SubscribeAsync(
        string version, string username, string password, IReadOnlyList<string> topics, int count = 1, int timeoutSeconds = 10, IReadOnlyList<string>? options = null)
    {
        var arguments = Connection(version, username, password);
        arguments.AddRange(options ?? []);
        foreach (var topic in topics)
        {
            arguments.AddRange(["-t", topic]);
        }

        arguments.AddRange(["-q", "1", "-v", "-d", "-C", count.ToString(CultureInfo.InvariantCulture), "-W", timeoutSeconds.ToString(CultureInfo.InvariantCulture)]);
        // Into a pipe, mosquitto_sub's stdout is block-buffered: the SUBACK line would only show when it exits.
        // stdbuf (coreutils) makes it line-buffered, so the test sees the subscription when it happens.
        var subscription = MosquittoSubscription.Start(Start("stdbuf", ["-oL", "mosquitto_sub", .. arguments]), TimeSpan.FromSeconds(timeoutSeconds) + RunTimeout);
        await subscription.WaitUntilSubscribedAsync(RunTimeout);
        return subscription;
    }

    public Task<MosquittoSubscription> SubscribeAsync(
        string version, string username, string password, string topic, int count = 1, int timeoutSeconds = 10, IReadOnlyList<string>? options = null) =>
        SubscribeAsync(version, username, password, [topic], count, timeoutSeconds, options);

    private List<string> Connection(string version, string username, string password) =>
        ["-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-V", version, "-u", username, "-P", password];

    internal static Process Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
    }

    private static async Task<MosquittoRun> RunAsync(string program, IEnumerable<string> arguments)
    {
        using var process = Start(program, arguments);
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{program} did not finish within {RunTimeout}:\n{await standardOutput}{await standardError}");
        }

        return new MosquittoRun(process.ExitCode, await standardOutput, await standardError);
    }

    internal static string Describe(Process process, StringBuilder output)
    {
        lock (output)
        {
            return $"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)}\n{output}";
        }
    }
}
