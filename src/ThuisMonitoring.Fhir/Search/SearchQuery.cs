using System.Globalization;
using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Fhir.Http;

namespace ThuisMonitoring.Fhir.Search;

/// <summary>
/// The search parameters of a request, read strictly: a parameter this server does not support, or a value it cannot
/// read, is a problem (400 OperationOutcome naming the parameter), never silently ignored.
/// </summary>
public sealed class SearchQuery
{
    private readonly IQueryCollection _query;
    private readonly List<Outcomes.Problem> _problems = [];

    public SearchQuery(IQueryCollection query, params string[] supported)
    {
        _query = query;
        foreach (var key in query.Keys.Where(k => !supported.Contains(k, StringComparer.Ordinal) && k is not "_count" and not "_offset"))
        {
            _problems.Add(new Outcomes.Problem(key, $"Search parameter '{key}' is not supported here; supported: {string.Join(", ", supported.Concat(["_count", "_offset"]))}.", Hl7.Fhir.Model.OperationOutcome.IssueType.NotSupported));
        }

        Count = ReadInt("_count", SearchPage.DefaultCount, 0, SearchPage.MaxCount);
        Offset = ReadInt("_offset", 0, 0, int.MaxValue);
    }

    public int Count { get; }

    public int Offset { get; }

    public IReadOnlyList<Outcomes.Problem> Problems => _problems;

    public void Problem(string parameter, string diagnostics) => _problems.Add(new Outcomes.Problem(parameter, diagnostics));

    /// <summary>The one value of a parameter (a second one is a problem); null when absent.</summary>
    public string? Single(string parameter)
    {
        var values = _query[parameter];
        if (values.Count > 1)
        {
            Problem(parameter, $"'{parameter}' may be given once.");
        }

        return values.Count == 0 ? null : values[0];
    }

    public IReadOnlyList<string> All(string parameter) => _query[parameter].Where(v => v is not null).Select(v => v!).ToList();

    /// <summary>A reference parameter to a patient: <c>id</c> or <c>Patient/id</c>.</summary>
    public string? PatientId(string parameter = "patient")
    {
        var value = Single(parameter);
        if (value is null)
        {
            return null;
        }

        var id = value.StartsWith("Patient/", StringComparison.Ordinal) ? value["Patient/".Length..] : value;
        if (!Resources.FhirIds.IsValid(id))
        {
            Problem(parameter, $"'{parameter}' must be a Patient id or Patient/{{id}}.");
            return null;
        }

        return id;
    }

    private int ReadInt(string parameter, int fallback, int min, int max)
    {
        var value = Single(parameter);
        if (value is null)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            Problem(parameter, $"'{parameter}' must be a whole number from {min} to {max}.");
            return fallback;
        }

        return parsed;
    }
}
