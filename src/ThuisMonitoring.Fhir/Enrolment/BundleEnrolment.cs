using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Fhir.Access;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Resources;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Privacy;

namespace ThuisMonitoring.Fhir.Enrolment;

/// <summary>
/// <c>POST /fhir</c> with an enrolment transaction Bundle: all or nothing. Every problem is found before anything is
/// created; a Patient whose BSN is enrolled already is not created again (conditional create), so a re-sent Bundle
/// answers the same patient. The eligibility check of the ward Observations comes back as an information
/// OperationOutcome. The enrolment itself is the API's: the patient grain, then the patient directory.
/// </summary>
public sealed class BundleEnrolment(
    IPatientDirectory directory, IUserDirectory users, IGrainFactory grains, PatientVisibility visibility, FhirAudit audit,
    TimeProvider clock, ILogger<BundleEnrolment> logger)
{
    // One enrolment at a time, so two copies of one Bundle sent at once still make one patient (single host per data directory).
    private readonly SemaphoreSlim _one = new(1, 1);

    internal static async Task<IResult> PostAsync(HttpRequest request, ClaimsPrincipal caller, BundleEnrolment enrolment, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(cancellationToken);
        var resource = FhirJson.ParsePartial(json, out var parseProblems);
        var problems = parseProblems.Select(p => new Outcomes.Problem(p.Location, p.Message, OperationOutcome.IssueType.Structure)).ToList();
        if (resource is not Bundle bundle)
        {
            return Outcomes.BadRequest(problems.Count > 0 ? problems : [new Outcomes.Problem(resource?.TypeName ?? "Bundle", "POST /fhir takes a transaction Bundle.")]);
        }

        return await enrolment.EnrolAsync(bundle, problems, caller, cancellationToken);
    }

    /// <summary>Enrols what the Bundle asks for, unless it (or the parser, <paramref name="parseProblems"/>) found any problem: then every problem is named.</summary>
    internal async Task<IResult> EnrolAsync(Bundle bundle, IReadOnlyList<Outcomes.Problem> parseProblems, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var reader = new EnrolmentBundleReader(users, clock);
        var request = await reader.ReadAsync(bundle, cancellationToken);
        if (request is null || parseProblems.Count > 0)
        {
            // The parser and the reader may both see one problem (a missing subject): name it once.
            var own = reader.Problems.Where(p => !parseProblems.Any(q => q.Expression == p.Expression));
            return Outcomes.BadRequest(parseProblems.Concat(own));
        }

        await _one.WaitAsync(cancellationToken);
        try
        {
            if (request.Bsn is not null && await FindByBsnAsync(request.Bsn, cancellationToken) is { } existing)
            {
                if (!await visibility.MaySeeAsync(caller, existing, cancellationToken))
                {
                    return Outcomes.PreconditionFailed("A patient with this BSN is enrolled already, under another responsible clinician.");
                }

                return Answer(request, existing.PatientId, created: false, eligibility: null);
            }

            var (patientId, eligibility) = await CreateAsync(request, caller, cancellationToken);
            await audit.TryRecordAsync(caller, [patientId], AuditResources.Patient, AuditActions.Create);
            return Answer(request, patientId, created: true, eligibility);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<PatientRecord?> FindByBsnAsync(string bsn, CancellationToken cancellationToken) =>
        (await directory.ListAsync(cancellationToken)).FirstOrDefault(r => r.Identifier == bsn);

    private async Task<(string PatientId, EligibilityDto? Eligibility)> CreateAsync(EnrolmentRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var wardValues = WardValues.Read(request.WardValues, now, out _);

        // The Bundle's Consent, or the order's (read by EnrolmentBundleReader), recorded by the API's rule with the caller as recorder.
        var consent = EnrolmentConsent.Read(
            new ConsentRequest(request.ConsentGivenAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), Domain.Privacy.Consent.Telemonitoring),
            caller.Username(), now, out var consentProblem)
            ?? throw new InvalidOperationException($"The Bundle's Consent was read but is refused: {consentProblem}");
        var clinician = (await users.FindAsync(request.Clinician, cancellationToken))!;
        var patientId = Guid.CreateVersion7().ToString("N");
        var grain = grains.GetGrain<IPatientGrain>(patientId);
        await grain.Enrol(new Domain.Episodes.Enrolment(patientId, request.Pathway, clinician.Username, clinician.Organisation, request.OxygenFlow, null, now));
        await directory.AddAsync(new PatientRecord(patientId, request.Name, request.BirthDate, request.Bsn, request.Pathway,
            clinician.Username, clinician.Organisation, now, request.Phone, consent), cancellationToken);
        var eligibility = await WardValues.CheckEligibilityAsync(grain, new EligibilityRequest(request.Pathway, wardValues, request.OxygenFlow, now), logger);
        return (patientId, eligibility);
    }

    private FhirResult Answer(EnrolmentRequest request, string patientId, bool created, EligibilityDto? eligibility)
    {
        var response = new Bundle { Type = Bundle.BundleType.TransactionResponse, Id = Guid.NewGuid().ToString("N") };
        var count = new[] { request.PatientEntry, request.ServiceRequestEntry, request.ConsentEntry ?? 0 }.Concat(request.ObservationEntries).Max() + 1;
        for (var i = 0; i < count; i++)
        {
            response.Entry.Add(new Bundle.EntryComponent());
        }

        var status = created ? "201 Created" : "200 OK";
        response.Entry[request.PatientEntry].Response = new Bundle.ResponseComponent { Status = status, Location = $"Patient/{patientId}" };
        response.Entry[request.ServiceRequestEntry].Response = new Bundle.ResponseComponent
        {
            Status = status,
            Location = $"EpisodeOfCare/{patientId}",
            Outcome = created ? EligibilityOutcome.From(eligibility) : Outcomes.Of([Outcomes.Issue(OperationOutcome.IssueSeverity.Information,
                OperationOutcome.IssueType.Duplicate, "This patient (by BSN) is enrolled already; nothing was created.")]),
        };
        if (request.ConsentEntry is { } consentEntry)
        {
            response.Entry[consentEntry].Response = new Bundle.ResponseComponent
            {
                Status = status,
                Outcome = Outcomes.Of([Outcomes.Issue(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational,
                    created ? "Recorded as the patient's consent to telemonitoring (GET /api/patients/{id}/consent)." : "The consent of the enrolled patient stands; nothing was recorded.")]),
            };
        }

        foreach (var index in request.ObservationEntries)
        {
            response.Entry[index].Response = new Bundle.ResponseComponent
            {
                Status = "200 OK",
                Outcome = Outcomes.Of([Outcomes.Issue(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational,
                    "Ward value used for the eligibility check; not stored as a home measurement.")]),
            };
        }

        return new FhirResult(response, created ? StatusCodes.Status201Created : StatusCodes.Status200OK, $"Patient/{patientId}");
    }
}
