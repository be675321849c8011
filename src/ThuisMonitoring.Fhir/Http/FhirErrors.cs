using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ThuisMonitoring.Fhir.Http;

/// <summary>Exceptions on /fhir as OperationOutcome: an unreadable request is 400 with the reason; anything else is logged.</summary>
internal sealed class FhirErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (BadHttpRequestException bad)
        {
            return new FhirResult(Outcomes.Of([Outcomes.Issue(OperationOutcome.IssueSeverity.Error, OperationOutcome.IssueType.Invalid, bad.Message)]), bad.StatusCode);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            context.HttpContext.RequestServices.GetRequiredService<ILogger<FhirErrors>>()
                .LogError(exception, "Unhandled error on {Method} {Path}", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return new FhirResult(
                Outcomes.Of([Outcomes.Issue(OperationOutcome.IssueSeverity.Fatal, OperationOutcome.IssueType.Exception, "The server could not complete the request; it was logged.")]),
                StatusCodes.Status500InternalServerError);
        }
    }
}
