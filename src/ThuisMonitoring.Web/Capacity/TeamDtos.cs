using ThuisMonitoring.Domain.DistrictNursing;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Web.Capacity;

/// <summary>Body of <c>PUT /api/capacity/teams/{teamId}</c> (CONTRACT section 10).</summary>
public sealed record TeamLightRequest(string? Organisation, string? Name, IReadOnlyList<string>? Postcodes, string? PartOfDay, string? Level, string? Note);

/// <summary>A district-nursing team with its light per part of the day (<c>lights.morning</c> ...; a part never set is absent).</summary>
public sealed record TeamDto(string TeamId, string Organisation, string Name, IReadOnlyList<string> Postcodes, IReadOnlyDictionary<string, TeamLightDto> Lights)
{
    public static TeamDto From(DistrictTeam team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return new(team.TeamId, team.Organisation, team.Name, team.Postcodes,
            team.Lights.ToDictionary(l => l.PartOfDay.ToCode(), l => new TeamLightDto(l.Level.ToCode(), l.Note, l.SetAt, l.SetBy), StringComparer.Ordinal));
    }
}

public sealed record TeamLightDto(string Level, string? Note, DateTimeOffset SetAt, string SetBy);
