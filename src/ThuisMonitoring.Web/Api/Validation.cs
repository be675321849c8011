namespace ThuisMonitoring.Web.Api;

/// <summary>Shared input rules of the API.</summary>
public static class Validation
{
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
}
