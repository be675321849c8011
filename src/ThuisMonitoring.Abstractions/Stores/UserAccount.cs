namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>A staff (or patient) login. The password is kept only as a salted hash.</summary>
public sealed record UserAccount(
    string Username,
    string PasswordHash,
    string Role,
    string DisplayName,
    string? Organisation,
    DateTimeOffset CreatedAt);

/// <summary>The roles of the HTTP contract.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Nurse = "nurse";
    public const string Clinician = "clinician";
    public const string Patient = "patient";

    /// <summary>Reads the audit trail (NEN 7513), never patient data itself.</summary>
    public const string PrivacyOfficer = "privacy-officer";

    public static IReadOnlyList<string> All { get; } = [Admin, Nurse, Clinician, Patient, PrivacyOfficer];
}
