using System.Globalization;
using System.Text.RegularExpressions;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>
/// Logical ids. Patients, alerts and devices keep their own ids; an Observation is one vital sign of one measurement:
/// <c>{patientId}-{measuredAt in Unix ms}-{sign}</c>. A value that is not a valid FHIR id (e.g. a username with '_')
/// is referred to by identifier instead.
/// </summary>
public static partial class FhirIds
{
    public static bool IsValid(string? id) => id is not null && ValidId().IsMatch(id);

    public static string Observation(string patientId, DateTimeOffset measuredAt, VitalSignCode sign) =>
        string.Create(CultureInfo.InvariantCulture, $"{patientId}-{measuredAt.ToUnixTimeMilliseconds()}-{sign.Key}");

    public static bool TryParseObservation(string id, out string patientId, out DateTimeOffset measuredAt, out VitalSignCode? sign)
    {
        patientId = string.Empty;
        measuredAt = default;
        sign = null;
        var parts = id.Split('-');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || ms > 253402300799999 || (sign = VitalSignCodes.ByKey(parts[2])) is null)
        {
            return false;
        }

        patientId = parts[0];
        measuredAt = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }

    /// <summary>The Communication of an alert's escalation.</summary>
    public static string Communication(string alertId) => $"{alertId}-escalation";

    public static string? AlertOfCommunication(string id) =>
        id.EndsWith("-escalation", StringComparison.Ordinal) ? id[..^"-escalation".Length] : null;

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex ValidId();
}
