using Microsoft.AspNetCore.Http;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// A refused protocol document as problem details: the detail lists every error, and the <c>errors</c> extension
/// carries them as <c>{field, message, layer}</c> so a console can point at the field.
/// </summary>
public static class ProtocolProblem
{
    public static IResult Refused(IReadOnlyList<ProtocolError> errors) =>
        Results.Problem(
            detail: "The protocol layer is refused: " + string.Join("; ", errors),
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid protocol document",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new ProtocolErrorDto(e.Field, e.Message, e.Layer)).ToList(),
            });

    /// <summary>A refusal that crossed a grain call: its errors when they survived serialisation, else its message.</summary>
    public static IResult Refused(ProtocolDocumentException exception) =>
        exception.Errors is { Count: > 0 } errors
            ? Refused(errors)
            : Results.Problem(detail: exception.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid protocol document");
}

public sealed record ProtocolErrorDto(string Field, string Message, string? Layer);
