using ThuisMonitoring.Delivery;

namespace ThuisMonitoring.Host.Notifications;

/// <summary>
/// Configuration section <c>Notifications</c>: where escalations and re-escalations go outside the console. Either or
/// both of <see cref="WebhookUrl"/> and <see cref="Command"/>; with neither, notifications wait in the outbox.
/// </summary>
public sealed class NotificationHookOptions
{
    public const string Section = "Notifications";

    /// <summary>An http(s) address that receives each notification as a JSON POST; any 2xx answer is delivery.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>A program run once per notification with the JSON on stdin; exit code 0 is delivery.</summary>
    public string? Command { get; set; }

    /// <summary>Arguments passed to <see cref="Command"/>, as separate arguments (no shell).</summary>
    public IList<string> CommandArguments { get; } = [];

    /// <summary>How to reach the shift lead (mail address, phone number, pager id): sent as <c>recipientAddress</c>.</summary>
    public string? ShiftLead { get; set; }

    /// <summary>Per clinician username, how to reach them: sent as <c>recipientAddress</c>.</summary>
    public IDictionary<string, string> Recipients { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one delivery attempt (one POST, one run of the command) may take.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>The wait after the first failed delivery; doubled after every further failure, up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 10;

    public double RetryMaxSeconds { get; set; } = 300;

    /// <summary>How often the outbox is looked at when nothing was enqueued (retries that came due).</summary>
    public double PollSeconds { get; set; } = 1;

    public bool HasHook => !string.IsNullOrWhiteSpace(WebhookUrl) || !string.IsNullOrWhiteSpace(Command);

    /// <summary>The wait before the next attempt after <paramref name="failures"/> failed ones (1 = the first failed).</summary>
    public TimeSpan RetryDelay(int failures) => DeliveryBackoff.After(failures, RetryBaseSeconds, RetryMaxSeconds);
}
