namespace ThuisMonitoring.Domain.DistrictNursing;

/// <summary>
/// A district-nursing team (wijkverpleging) of <see cref="Organisation"/> (an organisation of kind district-nursing):
/// the four-digit postcode areas it serves and its light per part of the day.
/// </summary>
public sealed record DistrictTeam(string TeamId, string Organisation, string Name, IReadOnlyList<string> Postcodes, IReadOnlyList<TeamLight> Lights)
{
    /// <summary>Whether the team serves the area of <paramref name="postcode"/> (its four digits; "1011 AB" is area 1011).</summary>
    public bool Serves(string postcode) => Postcode.Area(postcode) is { } area && Postcodes.Contains(area, StringComparer.Ordinal);

    /// <summary>The team with this part of the day's light replaced.</summary>
    public DistrictTeam WithLight(TeamLight light)
    {
        ArgumentNullException.ThrowIfNull(light);
        return this with { Lights = [.. Lights.Where(l => l.PartOfDay != light.PartOfDay).Append(light).OrderBy(l => l.PartOfDay)] };
    }
}
