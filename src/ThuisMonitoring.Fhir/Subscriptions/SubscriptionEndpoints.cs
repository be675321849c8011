using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Fhir.Access;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Web.Auth;

namespace ThuisMonitoring.Fhir.Subscriptions;

/// <summary>
/// <c>POST /fhir/Subscription</c> (rest-hook, criteria <c>Flag</c> or <c>Flag?patient={id}</c>), read and
/// <c>DELETE</c> by its owner. Created active; the answer carries the HMAC secret once (as the
/// <c>X-Signature-Secret</c> channel header).
/// </summary>
internal static class SubscriptionEndpoints
{
    public static async Task<IResult> CreateAsync(
        HttpRequest request, ClaimsPrincipal caller, IFhirSubscriptionRegister register, PatientVisibility visibility, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var resource = FhirJson.ParsePartial(await reader.ReadToEndAsync(cancellationToken), out var parseProblems);
        var problems = parseProblems.Select(p => new Outcomes.Problem(p.Location, p.Message, OperationOutcome.IssueType.Structure)).ToList();
        if (resource is not Subscription subscription)
        {
            return Outcomes.BadRequest(problems.Count > 0 ? problems : [new Outcomes.Problem(resource?.TypeName ?? "Subscription", "POST /fhir/Subscription takes a Subscription.")]);
        }

        if (subscription.Status is not (Subscription.SubscriptionStatus.Requested or Subscription.SubscriptionStatus.Active))
        {
            problems.Add(new("Subscription.status", "status must be requested (or active)."));
        }

        if (subscription.Channel?.Type != Subscription.SubscriptionChannelType.RestHook)
        {
            problems.Add(new("Subscription.channel.type", "Only rest-hook channels are supported.", OperationOutcome.IssueType.NotSupported));
        }

        if (!Uri.TryCreate(subscription.Channel?.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            problems.Add(new("Subscription.channel.endpoint", "channel.endpoint must be an absolute http(s) address."));
        }

        if (subscription.Channel?.Payload is { } payload && payload != FhirJson.MediaType)
        {
            problems.Add(new("Subscription.channel.payload", "channel.payload must be application/fhir+json: the Flag is sent.", OperationOutcome.IssueType.NotSupported));
        }

        var headers = subscription.Channel?.Header?.ToList() ?? [];
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i] is not { } header || header.IndexOf(':', StringComparison.Ordinal) <= 0 || header.StartsWith(PushSignature.SecretHeader, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new($"Subscription.channel.header[{i}]", "Each header is 'Name: value' (the signature secret is chosen by the server)."));
            }
        }

        var patientId = await CriteriaPatientAsync(subscription.Criteria, caller, visibility, problems, cancellationToken);
        if (problems.Count > 0)
        {
            return Outcomes.BadRequest(problems);
        }

        var record = new FhirSubscriptionRecord(
            Guid.CreateVersion7().ToString("N"), caller.Username(), caller.Role(), caller.Organisation(), subscription.Criteria!, patientId,
            endpoint!.ToString(), headers.OfType<string>().ToList(), PushSignature.NewSecret(), subscription.Reason, clock.GetUtcNow());
        await register.AddAsync(record, cancellationToken);
        return new FhirResult(SubscriptionResource.From(record, withSecret: true), StatusCodes.Status201Created, $"Subscription/{record.SubscriptionId}");
    }

    public static async Task<IResult> ReadAsync(string id, ClaimsPrincipal caller, IFhirSubscriptionRegister register, CancellationToken cancellationToken) =>
        await OwnAsync(id, caller, register, cancellationToken) is { } record
            ? new FhirResult(SubscriptionResource.From(record, withSecret: false))
            : Outcomes.NotFound($"Subscription '{id}' does not exist or is not yours.");

    public static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal caller, IFhirSubscriptionRegister register, CancellationToken cancellationToken)
    {
        if (await OwnAsync(id, caller, register, cancellationToken) is null)
        {
            return Outcomes.NotFound($"Subscription '{id}' does not exist or is not yours.");
        }

        await register.DeactivateAsync(id, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<FhirSubscriptionRecord?> OwnAsync(string id, ClaimsPrincipal caller, IFhirSubscriptionRegister register, CancellationToken cancellationToken) =>
        await register.GetAsync(id, cancellationToken) is { } record && record.Owner == caller.Username() ? record : null;

    /// <summary><c>Flag</c> (every patient the owner may see) or <c>Flag?patient={id}</c> (one, that the owner may see).</summary>
    private static async Task<string?> CriteriaPatientAsync(
        string? criteria, ClaimsPrincipal caller, PatientVisibility visibility, List<Outcomes.Problem> problems, CancellationToken cancellationToken)
    {
        if (criteria == "Flag")
        {
            return null;
        }

        const string prefix = "Flag?patient=";
        var id = criteria is not null && criteria.StartsWith(prefix, StringComparison.Ordinal) ? criteria[prefix.Length..] : null;
        id = id is not null && id.StartsWith("Patient/", StringComparison.Ordinal) ? id["Patient/".Length..] : id;
        if (id is null || !Resources.FhirIds.IsValid(id))
        {
            problems.Add(new("Subscription.criteria", "criteria must be Flag or Flag?patient={id}.", OperationOutcome.IssueType.NotSupported));
            return null;
        }

        if (await visibility.FindAsync(caller, id, cancellationToken) is null)
        {
            problems.Add(new("Subscription.criteria", $"Patient '{id}' does not exist or is not yours to see."));
        }

        return id;
    }
}
