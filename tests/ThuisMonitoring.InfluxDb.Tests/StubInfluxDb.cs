using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>An HTTP handler standing in for InfluxDB: records each request (body un-gzip'd) and answers as told.</summary>
public sealed class StubInfluxDb(Func<HttpRequestMessage, string, HttpResponseMessage> answer) : HttpMessageHandler
{
    public ConcurrentQueue<(HttpRequestMessage Request, string Body)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = string.Empty;
        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            body = request.Content.Headers.ContentEncoding.Contains("gzip")
                ? await new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)).ReadToEndAsync(cancellationToken)
                : System.Text.Encoding.UTF8.GetString(bytes);
        }

        Requests.Enqueue((request, body));
        return answer(request, body);
    }

    public static HttpResponseMessage Status(HttpStatusCode status, string? error = null) =>
        new(status) { Content = new StringContent(error is null ? string.Empty : $"{{\"error\":\"{error}\"}}") };
}
