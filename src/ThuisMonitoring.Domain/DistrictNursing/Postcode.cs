using System.Text.RegularExpressions;

namespace ThuisMonitoring.Domain.DistrictNursing;

/// <summary>Dutch postcodes as teams serve them: the area is the four digits (1000-9999) before the two letters.</summary>
public static partial class Postcode
{
    /// <summary>The four-digit area of "1011", "1011AB" or "1011 ab"; null when it is none.</summary>
    public static string? Area(string? postcode)
    {
        var match = postcode is null ? null : AreaPattern().Match(postcode.Trim());
        return match is { Success: true } ? match.Groups[1].Value : null;
    }

    /// <summary>The area of the first postcode in a free-text address ("Dorpsstraat 1, 1011 AB Amsterdam"); null when none.</summary>
    public static string? InAddress(string? address)
    {
        var match = address is null ? null : AddressPattern().Match(address);
        return match is { Success: true } ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^([1-9][0-9]{3})(?:\s?[A-Za-z]{2})?$")]
    private static partial Regex AreaPattern();

    [GeneratedRegex(@"\b([1-9][0-9]{3})\s?[A-Z]{2}\b")]
    private static partial Regex AddressPattern();
}
