using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Audit;

namespace ThuisMonitoring.Web.Audit;

/// <summary>
/// Audits one endpoint: after the handler answered with success, writes one record per patient it touched
/// (<see cref="AuditedPatients"/>) and waits until they are committed, so no patient data leaves the host before
/// its record is on disk. Refusals (4xx) touched no data and are not recorded. When the trail cannot be written the
/// answer is 503 instead of the data.
/// </summary>
internal sealed class AuditFilter(string resource, string action) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
        {
            return result;
        }

        var http = context.HttpContext;
        var patients = AuditedPatients.Of(http, result);
        if (patients.Count == 0)
        {
            return result;
        }

        try
        {
            await http.RequestServices.GetRequiredService<AuditRecorder>()
                .RecordAsync(http.User, patients, resource, action, AuditChannels.Api,
                    Auth.CurrentUser.PatientId(http.User) is null ? AuditPurposes.Care : AuditPurposes.Patient);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            http.RequestServices.GetRequiredService<ILogger<AuditFilter>>()
                .LogError(exception, "Audit trail not written for {Method} {Path}; the answer was withheld", http.Request.Method, http.Request.Path);
            return Unavailable();
        }

        return result;
    }

    internal static IResult Unavailable() => Results.Problem(
        detail: "The audit trail could not be written, so the answer is withheld; try again shortly.",
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Audit trail unavailable");
}
