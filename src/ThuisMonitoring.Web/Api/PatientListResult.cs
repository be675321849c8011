using Microsoft.AspNetCore.Http;
using System.Buffers;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// The answer of <c>GET /api/patients</c>: a JSON array written from rows that are already serialised
/// (<see cref="PatientRowCache"/>), streamed to the client in pieces instead of 16 MB built in memory first. The same
/// bytes, status and content type as <c>Results.Ok(rows)</c>. <see cref="PatientIds"/> are the patients in it, once
/// each, for the audit trail (<see cref="Audit.AuditedPatients"/>), which is written before the answer is.
/// </summary>
internal sealed class PatientListResult(IReadOnlyList<string> patientIds, IReadOnlyList<byte[]> rows) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    // Flushed after this much: the writer keeps a bounded buffer and the client starts reading early.
    private const int FlushEvery = 64 * 1024;

    public IReadOnlyList<string> PatientIds => patientIds;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => JsonContentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = JsonContentType;
        var body = response.BodyWriter;
        var cancellationToken = httpContext.RequestAborted;
        body.Write("["u8);
        var unflushed = 1;
        for (var i = 0; i < rows.Count; i++)
        {
            if (i > 0)
            {
                body.Write(","u8);
            }

            body.Write(rows[i]);
            unflushed += rows[i].Length + 1;
            if (unflushed >= FlushEvery)
            {
                var flushed = await body.FlushAsync(cancellationToken);
                if (flushed.IsCanceled || flushed.IsCompleted)
                {
                    return;
                }

                unflushed = 0;
            }
        }

        body.Write("]"u8);
        await body.FlushAsync(cancellationToken);
    }
}
