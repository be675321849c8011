namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>A staff (or patient) login. The password is kept only as a salted hash.</summary>
public sealed record UserAccount(
    string Username,
    string PasswordHash,
    string Role,
    string DisplayName,
    string? Organisation,
    DateTimeOffset CreatedAt)
{
    /// <summary>A disabled user cannot log in, and the tokens they hold stop working.</summary>
    public bool Disabled { get; init; }

    /// <summary>
    /// Raised whenever the user's tokens must all stop working at once (disabled, enabled, password changed or reset,
    /// second factor reset): every token carries the stamp it was issued under, and one with an older stamp is refused.
    /// </summary>
    public long SecurityStamp { get; init; }

    /// <summary>
    /// The care provider's AGB code (Vektis AGB-register, 8 digits; FHIR <c>http://fhir.nl/fhir/NamingSystem/agb-z</c>)
    /// when they have one: hospital and GP systems name the responsible clinician by it. Unique among users.
    /// </summary>
    public string? AgbCode { get; init; }

    /// <summary>The user's TOTP second factor: being enrolled (not yet confirmed) or in use; null when none.</summary>
    public TotpEnrolment? Totp { get; init; }

    /// <summary>The same user with every token they hold revoked.</summary>
    public UserAccount Revoked() => this with { SecurityStamp = SecurityStamp + 1 };
}

/// <summary>A TOTP (RFC 6238) shared secret in Base32; <paramref name="LastUsedStep"/> keeps each code usable only once.</summary>
public sealed record TotpEnrolment(string Secret, bool Confirmed, long LastUsedStep);

/// <summary>The roles of the HTTP contract.</summary>
public static class Roles
{
    public const string Admin = Domain.Visibility.RoleCodes.Admin;
    public const string Nurse = Domain.Visibility.RoleCodes.Nurse;
    public const string Clinician = Domain.Visibility.RoleCodes.Clinician;
    public const string Patient = Domain.Visibility.RoleCodes.Patient;

    /// <summary>Reads the audit trail (NEN 7513), never patient data itself.</summary>
    public const string PrivacyOfficer = Domain.Visibility.RoleCodes.PrivacyOfficer;

    /// <summary>Coordinates a district-nursing organisation's teams: their lights and the intake requests sent to them.</summary>
    public const string TeamCoordinator = Domain.Visibility.RoleCodes.TeamCoordinator;

    public static IReadOnlyList<string> All { get; } = [Admin, Nurse, Clinician, Patient, PrivacyOfficer, TeamCoordinator];
}
