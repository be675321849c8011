using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ThuisMonitoring.InfluxDb.Client;

/// <summary>
/// A small client for the InfluxDB v1 HTTP API (1.x, and the v1-compatible API of 2.x/3.x): <c>/write</c> with
/// gzip'd line protocol at millisecond precision, <c>/query</c> for InfluxQL, <c>/ping</c>. Every request runs
/// through one resilience pipeline: a timeout per attempt, retries with exponential backoff and jitter (honouring
/// Retry-After on 429 and 503) for connection errors, timeouts, 429 and 5xx, and a circuit breaker so a dead server
/// is not hammered. 400 and 413 are answers about the data, never retried here.
/// </summary>
public sealed class InfluxDbClient : IDisposable
{
    /// <summary>Longest Retry-After honoured; a server asking for more gets asked again sooner.</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);

    private readonly HttpClient _http;
    private readonly InfluxDbOptions _options;
    private readonly ILogger<InfluxDbClient> _logger;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly AuthenticationHeaderValue? _authorization;

    public InfluxDbClient(InfluxDbOptions options, ILogger<InfluxDbClient> logger, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = options.BaseUrl,
            // The pipeline times each attempt; HttpClient's own timeout would cut across the retries.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _authorization = Authorization(options);
        _pipeline = BuildPipeline(options, _time, logger);
    }

    /// <summary>
    /// Writes the lines (each without its newline) in one request. Returns <see cref="WriteOutcome.Written"/> on 204,
    /// a rejection on 400/413 and <see cref="WriteStatus.DatabaseMissing"/> on 404; throws
    /// <see cref="InfluxDbUnavailableException"/> when InfluxDB cannot be reached after the retries or refuses the credentials.
    /// </summary>
    public async Task<WriteOutcome> WriteAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return WriteOutcome.Written;
        }

        var body = Gzip(lines);
        var path = $"write?db={Uri.EscapeDataString(_options.Database)}&precision=ms"
            + (string.IsNullOrEmpty(_options.RetentionPolicy) ? string.Empty : $"&rp={Uri.EscapeDataString(_options.RetentionPolicy)}");
        using var response = await SendAsync(() =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            content.Headers.ContentEncoding.Add("gzip");
            return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        }, cancellationToken).ConfigureAwait(false);

        switch (response.StatusCode)
        {
            case HttpStatusCode.NoContent or HttpStatusCode.OK:
                return WriteOutcome.Written;
            case HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge:
                return new WriteOutcome(WriteStatus.Rejected, await ErrorOf(response, cancellationToken).ConfigureAwait(false));
            case HttpStatusCode.NotFound:
                return new WriteOutcome(WriteStatus.DatabaseMissing, await ErrorOf(response, cancellationToken).ConfigureAwait(false));
            default:
                throw new InfluxDbUnavailableException(
                    $"InfluxDB answered the write with {(int)response.StatusCode}: {await ErrorOf(response, cancellationToken).ConfigureAwait(false)}");
        }
    }

    /// <summary>
    /// Runs InfluxQL and returns the series of each statement in order. Reads go as GET, statements that change the
    /// schema as POST (<paramref name="changesSchema"/>), as InfluxDB 1.x requires. Times come back as epoch milliseconds.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<InfluxSeries>>> QueryAsync(string influxQl, bool changesSchema, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(influxQl);
        var query = $"db={Uri.EscapeDataString(_options.Database)}&epoch=ms";
        using var response = await SendAsync(
            () => changesSchema
                ? new HttpRequestMessage(HttpMethod.Post, "query?" + query)
                {
                    Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("q", influxQl)]),
                }
                : new HttpRequestMessage(HttpMethod.Get, $"query?{query}&q={Uri.EscapeDataString(influxQl)}"),
            cancellationToken).ConfigureAwait(false);

        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest))
        {
            throw new InfluxDbUnavailableException(
                $"InfluxDB answered the query with {(int)response.StatusCode}: {await ErrorOf(response, cancellationToken).ConfigureAwait(false)}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return QueryResults.Parse(document.RootElement);
    }

    /// <summary>True when InfluxDB answers <c>/ping</c> with 204 (one attempt, no retries).</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "ping");
            request.Headers.Authorization = _authorization;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async token =>
                {
                    // A request message can be sent once; every attempt builds its own.
                    using var request = createRequest();
                    request.Headers.Authorization = _authorization;
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            throw new InfluxDbUnavailableException("InfluxDB is failing; the circuit is open for now.", exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException)
        {
            throw new InfluxDbUnavailableException($"InfluxDB at {_options.Url} cannot be reached: {exception.Message}", exception);
        }
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(InfluxDbOptions options, TimeProvider time, ILogger logger)
    {
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(response => IsTransient(response.StatusCode));
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = MaxRetryAfter,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
                OnRetry = args =>
                {
                    // Debug only: the caller reports an outage once, not every attempt with a stack trace.
                    logger.LogDebug(
                        "InfluxDB request failed ({Failure}); retry {Attempt} in {Delay}",
                        args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.Message,
                        args.AttemptNumber + 1,
                        args.RetryDelay);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(5),
                OnOpened = args =>
                {
                    logger.LogDebug("InfluxDB keeps failing; requests paused for {BreakDuration}", args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    logger.LogDebug("InfluxDB answers again");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    internal static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || status == HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>The server's Retry-After on 429/503 (seconds or a date), capped; null: the backoff decides.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        if (response is not { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable }
            || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        if (delay is not { } wait)
        {
            return null;
        }

        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }

    private static AuthenticationHeaderValue? Authorization(InfluxDbOptions options)
    {
        if (!string.IsNullOrEmpty(options.Token))
        {
            return new AuthenticationHeaderValue("Token", options.Token);
        }

        return string.IsNullOrEmpty(options.Username)
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
    }

    internal static byte[] Gzip(IReadOnlyList<string> lines)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            foreach (var line in lines)
            {
                writer.Write(line);
                writer.Write('\n');
            }
        }

        return buffer.ToArray();
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                return error.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): the text itself is the best description.
        }

        return body.Length > 500 ? body[..500] : body;
    }
}
