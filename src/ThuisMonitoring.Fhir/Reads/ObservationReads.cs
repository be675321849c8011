using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Fhir.Access;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Resources;
using ThuisMonitoring.Fhir.Search;

namespace ThuisMonitoring.Fhir.Reads;

/// <summary>
/// <c>Observation/{id}</c> and <c>Observation?patient=&amp;code=&amp;date=&amp;_count=&amp;_sort=</c>: the vital signs of the
/// measurement store, one Observation per vital sign per measurement. <c>_sort</c> is <c>-date</c> (newest first, the
/// default) or <c>date</c>.
/// </summary>
internal static class ObservationReads
{
    public static async Task<IResult> ReadAsync(
        string id, ClaimsPrincipal caller, PatientVisibility visibility, PatientData data, FhirAudit audit, CancellationToken cancellationToken)
    {
        var missing = Outcomes.NotFound($"Observation '{id}' does not exist or is not yours to see.");
        if (!FhirIds.TryParseObservation(id, out var patientId, out var measuredAt, out _)
            || await visibility.FindAsync(caller, patientId, cancellationToken) is null)
        {
            return missing;
        }

        var observations = await data.ObservationsAsync(patientId, measuredAt, measuredAt.AddTicks(TimeSpan.TicksPerMillisecond - 1), cancellationToken);
        var observation = observations?.FirstOrDefault(o => o.Id == id);
        return observation is null ? missing : await audit.ReadAsync(caller, [patientId], observation, AuditResources.Vitals);
    }

    public static async Task<IResult> SearchAsync(
        HttpRequest request, ClaimsPrincipal caller, PatientVisibility visibility, PatientData data, FhirAudit audit, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var query = new SearchQuery(request.Query, "patient", "subject", "code", "date", "category", "_sort");
        var patientId = request.Query.ContainsKey("subject") ? query.PatientId("subject") : query.PatientId();
        if (patientId is null && query.Problems.Count == 0)
        {
            query.Problem("patient", "patient is required: Observation?patient={id}.");
        }

        var codes = Codes(query);
        var range = DateRange.Read(query.All("date"), clock.GetUtcNow().AddDays(1), out var dateProblem);
        if (dateProblem is not null)
        {
            query.Problem("date", dateProblem);
        }

        var category = query.Single("category");
        if (category is not null && category != "vital-signs" && category != $"{CodeSystems.ObservationCategory}|vital-signs")
        {
            query.Problem("category", "category must be vital-signs: every Observation here is a vital sign.");
        }

        var sort = query.Single("_sort") ?? "-date";
        if (sort is not "-date" and not "date")
        {
            query.Problem("_sort", "_sort must be -date (newest first) or date (oldest first).");
        }

        if (query.Problems.Count > 0)
        {
            return Outcomes.BadRequest(query.Problems);
        }

        if (await visibility.FindAsync(caller, patientId!, cancellationToken) is null)
        {
            // A search over a patient the caller may not see is an empty result, never a hint that the patient exists.
            return new FhirResult(SearchPage.Of([], request, query.Count, query.Offset));
        }

        var observations = range!.To < range.From ? [] : await data.ObservationsAsync(patientId!, range.From, range.To, cancellationToken);
        if (observations is null)
        {
            return Outcomes.BadRequest("date", $"More than {PatientData.MaxMeasurements} measurements in this range: narrow it with date=ge...&date=le....");
        }

        var matches = observations.Where(o => codes.Count == 0 || codes.Any(c => o.Code.Coding.Any(x => x.Code == c.Code && (c.System is null || x.System == c.System))));
        var ordered = (sort == "date"
            ? matches.OrderBy(EffectiveOf).ThenBy(o => o.Id, StringComparer.Ordinal)
            : matches.OrderByDescending(EffectiveOf).ThenBy(o => o.Id, StringComparer.Ordinal)).ToList<Resource>();
        var page = SearchPage.Of(ordered, request, query.Count, query.Offset);
        return await audit.ReadAsync(caller, [patientId!], page, AuditResources.Vitals);
    }

    private static DateTimeOffset EffectiveOf(Observation observation) =>
        observation.Effective is FhirDateTime effective && effective.TryToDateTimeOffset(out var at) ? at : DateTimeOffset.MinValue;

    /// <summary>The <c>code</c> tokens (comma-separated, each <c>system|code</c> or <c>code</c>); an unknown code is a problem.</summary>
    private static IReadOnlyList<(string? System, string Code)> Codes(SearchQuery query)
    {
        var codes = new List<(string?, string)>();
        foreach (var token in query.All("code").SelectMany(v => v.Split(',')))
        {
            var (system, code) = PatientReads.Token(token);
            if (string.IsNullOrEmpty(code))
            {
                query.Problem("code", "code must not be empty.");
                continue;
            }

            if (system is not null && system != CodeSystems.Loinc)
            {
                query.Problem("code", $"code '{token}': only LOINC ({CodeSystems.Loinc}) codes are searchable.");
                continue;
            }

            if (!VitalSignCodes.All.Any(s => s.Matches(system ?? string.Empty, code)))
            {
                query.Problem("code", $"code '{token}' is not a vital sign recorded here: {string.Join(", ", VitalSignCodes.All.Select(s => s.Loinc))} (or 2708-6).");
                continue;
            }

            codes.Add((system, code));
        }

        return codes;
    }
}
