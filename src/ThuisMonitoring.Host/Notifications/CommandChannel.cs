using System.Diagnostics;
using System.Text;

namespace ThuisMonitoring.Host.Notifications;

/// <summary>
/// Runs <c>Notifications:Command</c> once per notification (no shell) with the JSON on stdin; exit code 0 is delivery.
/// The environment carries the main fields too (<c>NOTIFICATION_KIND</c>, <c>NOTIFICATION_RECIPIENT</c>, ...) so a
/// script need not parse JSON for simple routing. What the program writes is logged.
/// </summary>
public sealed class CommandChannel(string command, IReadOnlyList<string> arguments, ILogger<CommandChannel> logger) : INotificationChannel
{
    private const int MaxOutputLogged = 2000;

    public string Name => "command";

    public async Task DeliverAsync(string json, NotificationMessage message, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NOTIFICATION_ID"] = message.NotificationId;
        start.Environment["NOTIFICATION_KIND"] = message.Kind;
        start.Environment["NOTIFICATION_RECIPIENT"] = message.Recipient;
        start.Environment["NOTIFICATION_RECIPIENT_NAME"] = message.RecipientName ?? string.Empty;
        start.Environment["NOTIFICATION_RECIPIENT_ADDRESS"] = message.RecipientAddress ?? string.Empty;
        start.Environment["NOTIFICATION_PATIENT_NAME"] = message.PatientName ?? string.Empty;
        start.Environment["NOTIFICATION_LEVEL"] = message.Level;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new NotificationNotDeliveredException($"command '{command}' could not be started: {exception.Message}");
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.StandardInput.WriteAsync(json.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        catch (IOException)
        {
            // The program closed stdin early; its exit code decides.
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }

        var stdout = Shorten(await output.ConfigureAwait(false));
        var stderr = Shorten(await errors.ConfigureAwait(false));
        if (process.ExitCode != 0)
        {
            throw new NotificationNotDeliveredException($"command exited with {process.ExitCode}: {stderr}".TrimEnd(' ', ':'));
        }

        if (stdout.Length > 0 || stderr.Length > 0)
        {
            logger.LogInformation("Notification command for {NotificationId} wrote: {Output} {Errors}", message.NotificationId, stdout, stderr);
        }
    }

    private static string Shorten(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > MaxOutputLogged ? trimmed[..MaxOutputLogged] + "…" : trimmed;
    }
}
