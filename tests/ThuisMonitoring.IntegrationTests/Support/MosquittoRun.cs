using System.Text.RegularExpressions;

namespace ThuisMonitoring.IntegrationTests.Support;

/// <summary>What one <c>mosquitto_pub</c> run did: its exit code and everything it printed (with <c>-d</c>, the packets).</summary>
public sealed partial record MosquittoRun(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    /// <summary>The reason codes of the PUBACKs the client received, in order (<c>received PUBACK (Mid: 1, RC:153)</c>).</summary>
    public IReadOnlyList<int> PubAckReasonCodes =>
        PubAck().Matches(StandardOutput).Select(m => int.Parse(m.Groups["rc"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>The return / reason code of the CONNACK, or null when none arrived.</summary>
    public int? ConnAckCode => ConnAck().Match(StandardOutput) is { Success: true } m
        ? int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture)
        : null;

    public override string ToString() => $"exit {ExitCode}\n{Output}";

    [GeneratedRegex(@"received PUBACK \(Mid: \d+, RC:(?<rc>\d+)\)")]
    private static partial Regex PubAck();

    [GeneratedRegex(@"received CONNACK \((?<code>\d+)\)")]
    private static partial Regex ConnAck();
}
