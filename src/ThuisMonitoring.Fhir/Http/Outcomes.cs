using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace ThuisMonitoring.Fhir.Http;

/// <summary>The one error shape of /fhir: an OperationOutcome, each issue naming where the problem is (<c>expression</c>).</summary>
public static class Outcomes
{
    /// <summary>One problem of a request: what is wrong and where (a FHIRPath expression).</summary>
    public sealed record Problem(string Expression, string Diagnostics, OperationOutcome.IssueType Code = OperationOutcome.IssueType.Invalid);

    public static FhirResult BadRequest(IEnumerable<Problem> problems) =>
        new(Of(problems.Select(p => Issue(OperationOutcome.IssueSeverity.Error, p.Code, p.Diagnostics, p.Expression))), StatusCodes.Status400BadRequest);

    public static FhirResult BadRequest(string expression, string diagnostics) => BadRequest([new Problem(expression, diagnostics)]);

    public static FhirResult NotFound(string diagnostics) =>
        new(Of([Issue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.NotFound, diagnostics)]), StatusCodes.Status404NotFound);

    public static FhirResult Unauthorized() =>
        new(Of([Issue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Login, "A valid bearer token is required: POST /api/auth/token.")]), StatusCodes.Status401Unauthorized);

    public static FhirResult Forbidden() =>
        new(Of([Issue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Forbidden, "Your role may not do this.")]), StatusCodes.Status403Forbidden);

    public static FhirResult PreconditionFailed(string diagnostics) =>
        new(Of([Issue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Duplicate, diagnostics)]), StatusCodes.Status412PreconditionFailed);

    public static FhirResult Unavailable(string diagnostics) =>
        new(Of([Issue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Transient, diagnostics)]), StatusCodes.Status503ServiceUnavailable);

    public static FhirResult Status(int statusCode, string diagnostics) =>
        new(Of([Issue(OperationOutcome.IssueSeverity.Error, statusCode == StatusCodes.Status404NotFound ? OperationOutcome.IssueType.NotFound : OperationOutcome.IssueType.NotSupported, diagnostics)]), statusCode);

    public static OperationOutcome Of(IEnumerable<OperationOutcome.IssueComponent> issues)
    {
        var outcome = new OperationOutcome();
        outcome.Issue.AddRange(issues);
        return outcome;
    }

    public static OperationOutcome.IssueComponent Issue(
        OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType code, string diagnostics, string? expression = null)
    {
        var issue = new OperationOutcome.IssueComponent { Severity = severity, Code = code, Diagnostics = diagnostics };
        if (expression is not null)
        {
            issue.Expression = [expression];
        }

        return issue;
    }
}
