namespace ThuisMonitoring.Domain.Visibility;

/// <summary>A member of staff as a list of colleagues shows them: what the rule needs to decide who may see them.</summary>
public sealed record StaffMember(string Username, string Role, string? Organisation);
