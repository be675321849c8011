namespace ThuisMonitoring.Host.Notifications;

/// <summary>
/// The notification hook (<c>Notifications:*</c>): a webhook and/or a command, fed from the durable outbox the patient
/// grain writes to. Always registered: without a hook it says so once and the outbox keeps everything.
/// </summary>
public static class NotificationComposition
{
    public static void AddNotificationHook(this WebApplicationBuilder builder)
    {
        var options = new NotificationHookOptions();
        builder.Configuration.GetSection(NotificationHookOptions.Section).Bind(options);
        builder.Services.AddSingleton(options);

        if (!string.IsNullOrWhiteSpace(options.WebhookUrl))
        {
            if (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"Notifications:WebhookUrl: '{options.WebhookUrl}' is not an http(s) address.");
            }

            // The attempt timeout of the hook applies; the client's own must not cut it shorter.
            builder.Services.AddHttpClient(WebhookChannel.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
            builder.Services.AddSingleton<INotificationChannel>(sp => new WebhookChannel(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(WebhookChannel.HttpClientName), address));
        }

        if (!string.IsNullOrWhiteSpace(options.Command))
        {
            builder.Services.AddSingleton<INotificationChannel>(sp => new CommandChannel(
                options.Command, [.. options.CommandArguments], sp.GetRequiredService<ILogger<CommandChannel>>()));
        }

        builder.Services.AddSingleton<NotificationDisclosure>();
        builder.Services.AddHostedService<NotificationHook>();
    }
}
