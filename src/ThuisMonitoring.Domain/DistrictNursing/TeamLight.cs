using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.DistrictNursing;

/// <summary>
/// A team's room for new patients in one part of the day: green room, orange only after consultation, red no room;
/// set by the team's coordinator, with an optional note and when and by whom it was set.
/// </summary>
public sealed record TeamLight(PartOfDay PartOfDay, Level Level, string? Note, DateTimeOffset SetAt, string SetBy);
