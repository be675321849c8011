using Hl7.Fhir.Model;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>
/// meta.versionId and meta.lastUpdated of every resource: the version is the time of the last change in Unix
/// milliseconds, so it changes exactly when the resource does and is the same for every read in between (the ETag).
/// </summary>
public static class ResourceVersion
{
    public static T Stamped<T>(this T resource, DateTimeOffset lastUpdated, params string[] profiles)
        where T : Resource
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(lastUpdated.ToUnixTimeMilliseconds());
        resource.Meta = new Meta
        {
            VersionId = at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            LastUpdated = at,
        };
        if (profiles.Length > 0)
        {
            resource.Meta.Profile = profiles;
        }

        return resource;
    }
}
