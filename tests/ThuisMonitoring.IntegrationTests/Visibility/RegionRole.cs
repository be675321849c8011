namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>The callers of the authorization matrix (issue 11), each looking at the hospital's patient unless said otherwise.</summary>
public enum RegionRole
{
    Admin,

    /// <summary>A nurse of the monitoring centre that serves the hospital.</summary>
    ServingNurse,

    /// <summary>A nurse of a centre that serves another hospital, not this one.</summary>
    OtherCentreNurse,

    /// <summary>The patient's responsible clinician.</summary>
    ResponsibleClinician,

    /// <summary>A GP of the practice that shares its patients, looking at a patient of a colleague of that practice.</summary>
    SharingColleague,

    /// <summary>A clinician of the hospital (which does not share), looking at a colleague's patient.</summary>
    NonSharingColleague,

    /// <summary>A clinician of another hospital.</summary>
    OtherOrganisationClinician,

    /// <summary>The patient themselves (a patient token: POST /api/auth/device-token).</summary>
    Patient,

    /// <summary>The hospital's privacy officer: the audit trail and erasures, no patient data.</summary>
    PrivacyOfficer,

    /// <summary>A coordinator of a district-nursing organisation (issue 16): team lights and the intake requests sent to it, no patient data.</summary>
    TeamCoordinator,
}
