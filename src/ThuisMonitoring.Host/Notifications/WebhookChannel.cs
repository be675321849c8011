using System.Net.Http.Headers;
using System.Text;

namespace ThuisMonitoring.Host.Notifications;

/// <summary>POSTs the notification JSON to <c>Notifications:WebhookUrl</c>; a 2xx answer is delivery.</summary>
public sealed class WebhookChannel(HttpClient http, Uri address) : INotificationChannel
{
    public const string HttpClientName = "notification-webhook";

    public string Name => "webhook";

    public async Task DeliverAsync(string json, NotificationMessage message, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = content };
        request.Headers.Add("X-Notification-Id", message.NotificationId);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new NotificationNotDeliveredException($"webhook answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }
}
