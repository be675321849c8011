using System.Diagnostics;
using System.Text;

namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>A running <c>mosquitto_sub -v</c>: collects the messages it prints until it has its count or times out.</summary>
public sealed class MosquittoSubscription : IDisposable
{
    private readonly Process _process;
    private readonly TimeSpan _lifetime;
    private readonly StringBuilder _output = new();
    private readonly List<ReceivedMessage> _messages = [];
    private readonly TaskCompletionSource<string> _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MosquittoSubscription(Process process, TimeSpan lifetime)
    {
        _process = process;
        _lifetime = lifetime;
    }

    internal static MosquittoSubscription Start(Process process, TimeSpan lifetime)
    {
        var subscription = new MosquittoSubscription(process, lifetime);
        process.OutputDataReceived += (_, e) => subscription.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => subscription.OnLine(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            // Let the last lines (a SUBACK that refused everything) arrive before deciding.
            process.WaitForExit();
            subscription._subscribed.TrySetException(
                new InvalidOperationException("mosquitto_sub exited before it was subscribed:\n" + subscription.Output));
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return subscription;
    }

    /// <summary>Everything mosquitto_sub printed so far (debug lines included).</summary>
    public string Output => MosquittoClients.Describe(_process, _output);

    /// <summary>The granted QoS or reason code per topic, as the SUBACK reported them (<c>Subscribed (mid: 1): 1, 135</c>).</summary>
    public string SubAck { get; private set; } = string.Empty;

    /// <summary>Waits until mosquitto_sub has printed its count of messages or timed out, and returns what it received.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> MessagesAsync()
    {
        using var timeout = new CancellationTokenSource(_lifetime);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        // The exit can be seen before the last buffered lines are delivered.
        _process.WaitForExit();
        lock (_output)
        {
            return [.. _messages];
        }
    }

    internal async Task WaitUntilSubscribedAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_subscribed.Task, Task.Delay(timeout));
        if (finished != _subscribed.Task)
        {
            throw new TimeoutException("mosquitto_sub was not subscribed in time:\n" + Output);
        }

        SubAck = await _subscribed.Task;
        var granted = SubAck.Split(',').All(code => int.TryParse(code.Trim(), out var value) && value < 0x80);
        if (granted && _process.HasExited)
        {
            throw new InvalidOperationException("mosquitto_sub had already exited when its SUBACK was seen:\n" + Output);
        }
    }

    /// <summary>Kills mosquitto_sub (SIGKILL): its connection drops without a DISCONNECT, as a device that loses power.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (line.StartsWith("Subscribed (mid", StringComparison.Ordinal))
            {
                _subscribed.TrySetResult(line[(line.LastIndexOf(':') + 1)..].Trim());
            }
            else if (line.StartsWith("thuismonitoring/", StringComparison.Ordinal) && line.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space)
            {
                _messages.Add(new ReceivedMessage(line[..space], line[(space + 1)..]));
            }
        }
    }
}

/// <summary>One message as mosquitto_sub -v printed it: topic and payload.</summary>
public sealed record ReceivedMessage(string Topic, string Payload)
{
    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Payload).RootElement.Clone();
}
