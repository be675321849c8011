using Microsoft.Extensions.Logging;
using ThuisMonitoring.InfluxDb.LineProtocol;

namespace ThuisMonitoring.InfluxDb.Client;

/// <summary>
/// Creates what the platform expects in InfluxDB 1.x, idempotently: the database; the raw retention policy as its
/// default (<c>Retention</c>, 90 days unless configured); a long-term policy; and a continuous query that keeps
/// per-minute mean/min/max of every numeric vital sign in <c>vitals_1m</c> in the long-term policy. An existing
/// policy is altered to the configured duration, so changing the configuration and restarting is enough.
/// </summary>
public sealed class InfluxDbSchema(InfluxDbClient client, InfluxDbOptions options, ILogger<InfluxDbSchema> logger)
{
    public const string DownsampledMeasurement = "vitals_1m";
    public const string ContinuousQuery = "vitals_1m";

    /// <summary>
    /// How far back the continuous query recomputes each run: points the forwarder delivers late (after an outage)
    /// up to this age still reach the downsampled series. Older backlog: see docs/timeseries.md (backfill).
    /// </summary>
    public const string ResampleFor = "1h";

    private static readonly string[] NumericFields =
    [
        VitalsSchema.Spo2, VitalsSchema.HeartRate, VitalsSchema.RespiratoryRate,
        VitalsSchema.OxygenFlow, VitalsSchema.Temperature, VitalsSchema.PerfusionIndex,
    ];

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var db = InfluxQl.Identifier(options.Database);
        await client.QueryAsync($"CREATE DATABASE {db}", changesSchema: true, cancellationToken).ConfigureAwait(false);

        var policies = await ExistingAsync($"SHOW RETENTION POLICIES ON {db}", cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(options.RetentionPolicy))
        {
            await EnsurePolicyAsync(policies, options.RetentionPolicy, options.Retention, isDefault: true, cancellationToken).ConfigureAwait(false);
        }

        await EnsurePolicyAsync(policies, options.LongTermRetentionPolicy, options.LongTermRetention, isDefault: false, cancellationToken).ConfigureAwait(false);

        var queries = await ExistingAsync("SHOW CONTINUOUS QUERIES", cancellationToken, seriesName: options.Database).ConfigureAwait(false);
        if (!queries.Contains(ContinuousQuery))
        {
            await client.QueryAsync(ContinuousQueryStatement(options), changesSchema: true, cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation(
            "InfluxDB database {Database} ready: raw points kept {Retention} in {Policy}, per-minute aggregates kept {LongTermRetention} in {LongTermPolicy}",
            options.Database, options.Retention, options.RetentionPolicy, options.LongTermRetention, options.LongTermRetentionPolicy);
    }

    /// <summary>The continuous query, exposed for the docs and tests.</summary>
    public static string ContinuousQueryStatement(InfluxDbOptions options) =>
        $"CREATE CONTINUOUS QUERY {InfluxQl.Identifier(ContinuousQuery)} ON {InfluxQl.Identifier(options.Database)} "
        + $"RESAMPLE EVERY 1m FOR {ResampleFor} BEGIN {DownsampleSelect(options)} GROUP BY time(1m), * END";

    /// <summary>
    /// Fills the downsampled series for [from, to) from the raw points, once: after an outage longer than
    /// <see cref="ResampleFor"/>, or after switching an existing site to InfluxDB. Run it with
    /// <see cref="InfluxDbClient.QueryAsync"/> (it writes, so as a schema change); running it twice is harmless.
    /// </summary>
    public static string BackfillStatement(InfluxDbOptions options, DateTimeOffset from, DateTimeOffset to) =>
        $"{DownsampleSelect(options)} WHERE time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)} GROUP BY time(1m), *";

    private static string DownsampleSelect(InfluxDbOptions options)
    {
        var selections = string.Join(", ", NumericFields.SelectMany(field => new[]
        {
            $"mean({InfluxQl.Identifier(field)}) AS {InfluxQl.Identifier(field + "_mean")}",
            $"min({InfluxQl.Identifier(field)}) AS {InfluxQl.Identifier(field + "_min")}",
            $"max({InfluxQl.Identifier(field)}) AS {InfluxQl.Identifier(field + "_max")}",
        }));
        return $"SELECT {selections} INTO {InfluxQl.Qualified(options.Database, options.LongTermRetentionPolicy, DownsampledMeasurement)} "
            + $"FROM {InfluxQl.Qualified(options.Database, options.RetentionPolicy, VitalsSchema.Measurement)}";
    }

    private async Task EnsurePolicyAsync(HashSet<string> existing, string name, string duration, bool isDefault, CancellationToken cancellationToken)
    {
        var verb = existing.Contains(name) ? "ALTER" : "CREATE";
        var replication = verb == "CREATE" ? " REPLICATION 1" : string.Empty;
        await client.QueryAsync(
            $"{verb} RETENTION POLICY {InfluxQl.Identifier(name)} ON {InfluxQl.Identifier(options.Database)} DURATION {duration}{replication}{(isDefault ? " DEFAULT" : string.Empty)}",
            changesSchema: true,
            cancellationToken).ConfigureAwait(false);
    }

    // The "name" column of the answer; SHOW CONTINUOUS QUERIES answers one series per database.
    private async Task<HashSet<string>> ExistingAsync(string statement, CancellationToken cancellationToken, string? seriesName = null)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var results = await client.QueryAsync(statement, changesSchema: false, cancellationToken).ConfigureAwait(false);
        foreach (var series in results.SelectMany(s => s))
        {
            if (seriesName is not null && series.Name != seriesName)
            {
                continue;
            }

            var column = series.ColumnOf("name");
            foreach (var row in series.Values)
            {
                names.Add(row[column].GetString() ?? string.Empty);
            }
        }

        return names;
    }
}
