using System.Net;

namespace ThuisMonitoring.DeviceSimulator.Api;

/// <summary>The platform answered a call with an error (a problem details body where it sent one).</summary>
public sealed class PlatformApiException : Exception
{
    public PlatformApiException(string call, HttpStatusCode status, string? title, string? detail)
        : base($"{call} answered {(int)status} {title ?? status.ToString()}{(detail is null ? "" : ": " + detail)}")
    {
        Call = call;
        Status = status;
        Title = title;
        Detail = detail;
    }

    public string Call { get; }

    public HttpStatusCode Status { get; }

    public string? Title { get; }

    public string? Detail { get; }
}
