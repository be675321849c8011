using System.Text.RegularExpressions;

namespace ThuisMonitoring.InfluxDb;

/// <summary>
/// <c>TimeSeries:InfluxDb</c>: where InfluxDB is, how to authenticate, how the forwarder batches and what schema
/// (retention policies, continuous query) is created at start.
/// </summary>
public sealed partial class InfluxDbOptions
{
    public const string Section = "TimeSeries:InfluxDb";

    /// <summary>Base URL of InfluxDB 1.x, or of the v1-compatible API of 2.x/3.x.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8086";

    /// <summary>Database (on 2.x/3.x: the database of a DBRP mapping to a bucket).</summary>
    public string Database { get; set; } = "thuismonitoring";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>API token (2.x/3.x, or 1.x behind a proxy); sent as <c>Authorization: Token</c>; wins over username/password.</summary>
    public string? Token { get; set; }

    /// <summary>At most this many lines per write.</summary>
    public int BatchSize { get; set; } = 5_000;

    /// <summary>A batch smaller than <see cref="BatchSize"/> waits at most this long for company before it is written.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Create the database, retention policies and continuous query at start (InfluxDB 1.x). Turn off for 2.x/3.x,
    /// whose v1 API cannot create them: make the bucket and DBRP mapping there instead (docs/timeseries.md).
    /// </summary>
    public bool CreateDatabase { get; set; } = true;

    /// <summary>Retention policy of the raw points (the database's default); empty: the database's default policy.</summary>
    public string RetentionPolicy { get; set; } = "raw";

    /// <summary>How long raw points are kept, an InfluxQL duration.</summary>
    public string Retention { get; set; } = "90d";

    /// <summary>Retention policy of the per-minute downsampled series.</summary>
    public string LongTermRetentionPolicy { get; set; } = "long_term";

    /// <summary>How long the downsampled series is kept, an InfluxQL duration or <c>INF</c>.</summary>
    public string LongTermRetention { get; set; } = "INF";

    /// <summary>One HTTP attempt may take this long.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries within one write or query before the caller hears of the failure.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>First pause of the forwarder after InfluxDB could not be reached; doubles up to <see cref="MaxOutagePause"/>.</summary>
    public TimeSpan OutagePause { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxOutagePause { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when a value cannot work; durations are spliced into InfluxQL, so they are checked strictly.</summary>
    public void Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{Section}:Url '{Url}' is not an http(s) URL.");
        }

        Require(!string.IsNullOrWhiteSpace(Database), "Database is empty.");
        Require(BatchSize is >= 1 and <= 100_000, "BatchSize must be 1-100000.");
        Require(FlushInterval > TimeSpan.Zero, "FlushInterval must be positive.");
        Require(RequestTimeout > TimeSpan.Zero, "RequestTimeout must be positive.");
        Require(MaxRetryAttempts >= 0, "MaxRetryAttempts must not be negative.");
        Require(OutagePause > TimeSpan.Zero && MaxOutagePause >= OutagePause, "OutagePause must be positive and at most MaxOutagePause.");
        Require(DurationPattern().IsMatch(Retention), $"Retention '{Retention}' is not an InfluxQL duration (e.g. 90d).");
        Require(DurationPattern().IsMatch(LongTermRetention), $"LongTermRetention '{LongTermRetention}' is not an InfluxQL duration (e.g. 730d or INF).");
        Require(!string.IsNullOrWhiteSpace(LongTermRetentionPolicy), "LongTermRetentionPolicy is empty.");
    }

    internal Uri BaseUrl => new(Url.EndsWith('/') ? Url : Url + "/");

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{Section}: {message}");
        }
    }

    [GeneratedRegex("^(INF|([0-9]+(ns|u|ms|s|m|h|d|w))+)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
