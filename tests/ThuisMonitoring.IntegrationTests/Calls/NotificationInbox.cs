using System.Text.Json;

namespace ThuisMonitoring.IntegrationTests.Calls;

/// <summary>
/// The far end of the host's notification hook: a small shell script (<c>Notifications:Command</c>) that appends the
/// JSON it gets on stdin to a file, or fails (exit 3) while <see cref="Fail"/> is set, like a mail or SMS gateway that
/// is down.
/// </summary>
public sealed class NotificationInbox : IDisposable
{
    private const string Script = """
        #!/bin/sh
        # $1: the inbox directory. Exit 3 while "$1/down" exists, as an unreachable gateway would.
        if [ -e "$1/down" ]; then
          cat >/dev/null
          echo "gateway down" >&2
          exit 3
        fi
        { cat; echo; } >> "$1/received.jsonl"
        """;

    public NotificationInbox()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("thuismonitoring-hook-").FullName;
        ScriptPath = Path.Combine(Directory, "hook.sh");
        File.WriteAllText(ScriptPath, Script.ReplaceLineEndings("\n"));
    }

    public string Directory { get; }

    public string ScriptPath { get; }

    /// <summary>Host settings that point the hook at this inbox.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Notifications:Command"] = "/bin/sh",
        ["Notifications:CommandArguments:0"] = ScriptPath,
        ["Notifications:CommandArguments:1"] = Directory,
        ["Notifications:ShiftLead"] = "dienstleider@example.org",
        ["Notifications:RetryBaseSeconds"] = "1",
        ["Notifications:RetryMaxSeconds"] = "2",
        ["Notifications:PollSeconds"] = "0.2",
    };

    /// <summary>While true the hook exits 3 for every notification.</summary>
    public bool Fail
    {
        set
        {
            var flag = Path.Combine(Directory, "down");
            if (value)
            {
                File.WriteAllText(flag, "down");
            }
            else
            {
                File.Delete(flag);
            }
        }
    }

    /// <summary>Every notification delivered so far.</summary>
    public IReadOnlyList<HookNotification> Received()
    {
        var path = Path.Combine(Directory, "received.jsonl");
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<HookNotification>(line, JsonSerializerOptions.Web)!)
            .ToList();
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A hook still running must not fail the test run.
        }
    }
}

/// <summary>The JSON the hook receives (docs/operations.md).</summary>
public sealed record HookNotification(
    string NotificationId,
    string Kind,
    string Recipient,
    string? RecipientName,
    string? RecipientAddress,
    string PatientId,
    string? PatientName,
    string? AlertId,
    string Level,
    IReadOnlyList<string> Reasons,
    string? By,
    string? Note,
    DateTimeOffset At);
