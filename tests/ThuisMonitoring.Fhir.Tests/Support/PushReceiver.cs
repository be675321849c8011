using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace ThuisMonitoring.Fhir.Tests.Support;

/// <summary>
/// A hospital's rest-hook endpoint: a real HTTP listener on a loopback port that keeps every push it receives (with
/// its headers) and answers 200. It can be stopped and started again on the same port, to be "down for a while".
/// </summary>
public sealed class PushReceiver : IDisposable
{
    private HttpListener? _listener;

    public PushReceiver(int port) => Url = $"http://127.0.0.1:{port}/hook/";

    public string Url { get; }

    public ConcurrentQueue<ReceivedPush> Received { get; } = new();

    public void Start()
    {
        _listener = new HttpListener();
        _listener.Prefixes.Add(Url);
        _listener.Start();
        var listener = _listener;
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                Received.Enqueue(new ReceivedPush(
                    context.Request.Headers["X-Notification-Id"] ?? string.Empty, context.Request.Headers["X-Signature"] ?? string.Empty,
                    context.Request.ContentType ?? string.Empty, body, context.Request.Headers["Authorization"]));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });
    }

    public void Stop()
    {
        _listener?.Stop();
        _listener?.Close();
        _listener = null;
    }

    public void Dispose() => Stop();
}

public sealed record ReceivedPush(string NotificationId, string Signature, string ContentType, string Body, string? Authorization);
