using System.Text;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace ThuisMonitoring.Fhir.Http;

/// <summary>A FHIR answer: the resource as <c>application/fhir+json</c>, with its ETag (from meta.versionId) and, for a create, its location.</summary>
public sealed class FhirResult(Resource resource, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult, IStatusCodeHttpResult
{
    public Resource Resource => resource;

    public int? StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = $"{FhirJson.MediaType}; charset=utf-8";
        if (resource.Meta?.VersionId is { } version && resource is not Bundle and not OperationOutcome)
        {
            response.Headers.ETag = $"W/\"{version}\"";
        }

        if (resource.Meta?.LastUpdated is { } updated && resource is not Bundle and not OperationOutcome)
        {
            response.Headers.LastModified = updated.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (location is not null)
        {
            response.Headers.Location = location;
        }

        await response.WriteAsync(FhirJson.Serialize(resource), Encoding.UTF8, httpContext.RequestAborted);
    }
}
