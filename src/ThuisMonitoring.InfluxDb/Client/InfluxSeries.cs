using System.Text.Json;

namespace ThuisMonitoring.InfluxDb.Client;

/// <summary>One series of a query result: columns and rows of JSON values (time as epoch milliseconds).</summary>
public sealed record InfluxSeries(string Name, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Columns, IReadOnlyList<JsonElement[]> Values)
{
    public int ColumnOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        throw new InfluxDbException($"The result of series '{Name}' has no column '{column}'.");
    }
}
