using System.Globalization;
using ThuisMonitoring.Domain.Privacy;
using ThuisMonitoring.Web.Api;

namespace ThuisMonitoring.Web.Privacy;

/// <summary>
/// The consent an enrolment must carry: telemonitoring needs the patient's informed consent, so an enrolment without
/// it is refused. Who recorded it is the caller, never the body.
/// </summary>
public static class EnrolmentConsent
{
    public static Consent? Read(ConsentRequest? request, string recordedBy, DateTimeOffset now, out string? problem)
    {
        problem = null;
        if (request is null)
        {
            problem = "consent is required: telemonitoring needs the patient's informed consent, e.g. \"consent\": {\"scope\": \"telemonitoring\", \"givenAt\": \"2026-03-01T09:30:00+01:00\"}.";
            return null;
        }

        var scope = string.IsNullOrWhiteSpace(request.Scope) ? Consent.Telemonitoring : request.Scope.Trim();
        if (scope != Consent.Telemonitoring)
        {
            problem = $"consent.scope must be {Consent.Telemonitoring}.";
            return null;
        }

        var givenAt = now;
        if (request.GivenAt is not null
            && (!DateTimeOffset.TryParse(request.GivenAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out givenAt) || givenAt > now.AddMinutes(5)))
        {
            problem = "consent.givenAt must be an ISO 8601 date and time, not in the future.";
            return null;
        }

        return new Consent(scope, givenAt, recordedBy, null, null, null);
    }
}
