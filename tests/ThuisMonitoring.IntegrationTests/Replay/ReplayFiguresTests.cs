using ThuisMonitoring.Host.Replay;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Replay;

/// <summary>
/// The figures of the shipped protocol in docs/protocol.md are what the replay command prints now: the table between the
/// <c>replay-figures</c> markers is the output of <c>replay --markdown</c> over the trace library files and the draft
/// layers of traces/layers, so a change of a rule or a trace that moves a figure fails here until the docs say it.
/// </summary>
public sealed class ReplayFiguresTests
{
    private const string Begin = "<!-- replay-figures: begin -->\n";
    private const string End = "<!-- replay-figures: end -->";

    [Fact]
    public async Task The_figures_in_the_protocol_docs_are_what_the_replay_command_prints()
    {
        var root = RepositoryRoot.Path;
        using var output = new StringWriter();
        var exit = await ReplayCommand.RunAsync(
            ["replay", "--markdown", $"--trace={Path.Combine(root, "traces")}", .. new[] { "narrow-windows", "exertion-windows", "wide-windows" }.Select(l => $"--layer={Path.Combine(root, "traces", "layers", l + ".json")}")],
            output);

        exit.Should().Be(0);
        var docs = (await File.ReadAllTextAsync(Path.Combine(root, "docs", "protocol.md"))).ReplaceLineEndings("\n");
        var start = docs.IndexOf(Begin, StringComparison.Ordinal);
        var end = docs.IndexOf(End, StringComparison.Ordinal);
        start.Should().BePositive("docs/protocol.md marks the figures table");
        docs[(start + Begin.Length)..end].Should().Be(output.ToString().ReplaceLineEndings("\n"));
    }
}
