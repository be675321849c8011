using System.Text.Json;

namespace ThuisMonitoring.InfluxDb.Client;

/// <summary>
/// Reads the JSON of <c>/query</c>: <c>{"results":[{"statement_id":0,"series":[{"name","tags","columns","values"}],"error"}],"error"}</c>.
/// An error of the request or of any statement is thrown.
/// </summary>
internal static class QueryResults
{
    public static IReadOnlyList<IReadOnlyList<InfluxSeries>> Parse(JsonElement root)
    {
        if (root.TryGetProperty("error", out var requestError))
        {
            throw new InfluxDbException($"InfluxDB refused the query: {requestError.GetString()}");
        }

        var statements = new List<IReadOnlyList<InfluxSeries>>();
        if (!root.TryGetProperty("results", out var results))
        {
            return statements;
        }

        foreach (var result in results.EnumerateArray())
        {
            if (result.TryGetProperty("error", out var statementError))
            {
                throw new InfluxDbException($"InfluxDB refused the query: {statementError.GetString()}");
            }

            var series = new List<InfluxSeries>();
            if (result.TryGetProperty("series", out var seriesArray))
            {
                foreach (var one in seriesArray.EnumerateArray())
                {
                    series.Add(ParseSeries(one));
                }
            }

            statements.Add(series);
        }

        return statements;
    }

    private static InfluxSeries ParseSeries(JsonElement series)
    {
        var name = series.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (series.TryGetProperty("tags", out var tagObject) && tagObject.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in tagObject.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.GetString() ?? string.Empty;
            }
        }

        var columns = series.TryGetProperty("columns", out var c)
            ? c.EnumerateArray().Select(column => column.GetString() ?? string.Empty).ToList()
            : [];
        var values = new List<JsonElement[]>();
        if (series.TryGetProperty("values", out var rows))
        {
            foreach (var row in rows.EnumerateArray())
            {
                values.Add(row.EnumerateArray().Select(value => value.Clone()).ToArray());
            }
        }

        return new InfluxSeries(name, tags, columns, values);
    }
}
