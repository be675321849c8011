namespace ThuisMonitoring.Domain.Visibility;

/// <summary>The role codes of the HTTP contract, as the visibility rule reads them.</summary>
public static class RoleCodes
{
    public const string Admin = "admin";
    public const string Nurse = "nurse";
    public const string Clinician = "clinician";
    public const string Patient = "patient";
    public const string PrivacyOfficer = "privacy-officer";
    public const string TeamCoordinator = "team-coordinator";
}
