using System.Globalization;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Web.Api;

/// <summary>Shared input rules of the API.</summary>
public static class Validation
{
    /// <summary>The problem of a required oxygen flow missing or outside <see cref="MeasurementRanges.OxygenFlow"/>.</summary>
    public static string OxygenFlowRequired(string field) => string.Create(
        CultureInfo.InvariantCulture, $"{field} is required, in L/min from {MeasurementRanges.OxygenFlow.Min} to {MeasurementRanges.OxygenFlow.Max}.");

    /// <summary>The problem of a maximum home oxygen flow not above 0 or above <see cref="MeasurementRanges.OxygenFlow"/>.</summary>
    public static string MaxHomeOxygenFlowOutOfRange(string field) => string.Create(
        CultureInfo.InvariantCulture, $"{field} must be above 0 and at most {MeasurementRanges.OxygenFlow.Max} L/min.");

    /// <summary>Usernames and device ids: 1-64 of letters, digits, '.', '_' or '-' (safe in MQTT topics and URLs).</summary>
    public static bool IsIdentifier(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A query's optional instant: absent is fine (a default applies); present must parse (RFC 3339), kept in UTC.</summary>
    public static bool TryParseOptionalInstant(string? text, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        instant = parsed.ToUniversalTime();
        return true;
    }
}
