using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>
/// The region of <see cref="RegionSite"/>: <see cref="Centre"/> serves <see cref="Hospital"/> (does not share) and
/// <see cref="Practice"/> (shares); <see cref="OtherCentre"/> serves <see cref="OtherHospital"/>. Each
/// <see cref="RegionRole"/> has a user, and looks at <see cref="HospitalPatient"/> except the sharing colleague, who
/// looks at <see cref="PracticePatient"/>.
/// </summary>
public sealed class TestRegion
{
    private TestRegion(string unique) => Unique = unique;

    public string Unique { get; }

    public string Centre => "centrale-" + Unique;

    public string OtherCentre => "andere-centrale-" + Unique;

    public string Hospital => "rijnstad-" + Unique;

    public string Practice => "de-linde-" + Unique;

    public string OtherHospital => "elders-" + Unique;

    public required StaffMember ServingNurse { get; init; }

    public required StaffMember OtherCentreNurse { get; init; }

    public required StaffMember ResponsibleClinician { get; init; }

    public required StaffMember NonSharingColleague { get; init; }

    public required StaffMember GeneralPractitioner { get; init; }

    public required StaffMember SharingColleague { get; init; }

    public required StaffMember OtherOrganisationClinician { get; init; }

    public required StaffMember PrivacyOfficer { get; init; }

    /// <summary>A coordinator of <see cref="DistrictNursing"/> (issue 16).</summary>
    public required StaffMember TeamCoordinator { get; init; }

    public string DistrictNursing => "wijkzorg-" + Unique;

    /// <summary>A patient of <see cref="Hospital"/> under <see cref="ResponsibleClinician"/>, with an open alert.</summary>
    public required RegionPatient HospitalPatient { get; init; }

    /// <summary>A patient of <see cref="Practice"/> under <see cref="GeneralPractitioner"/>, with an open alert.</summary>
    public required RegionPatient PracticePatient { get; init; }

    /// <summary>The patient app of <see cref="HospitalPatient"/>: the patient role signs in with it (<c>POST /api/auth/device-token</c>).</summary>
    public required BoundDevice HospitalPatientApp { get; init; }

    /// <summary>The user of a role (null for the admin, who signs in as <c>admin</c>, and for the patient).</summary>
    public StaffMember? UserOf(RegionRole role) => role switch
    {
        RegionRole.ServingNurse => ServingNurse,
        RegionRole.OtherCentreNurse => OtherCentreNurse,
        RegionRole.ResponsibleClinician => ResponsibleClinician,
        RegionRole.SharingColleague => SharingColleague,
        RegionRole.NonSharingColleague => NonSharingColleague,
        RegionRole.OtherOrganisationClinician => OtherOrganisationClinician,
        RegionRole.PrivacyOfficer => PrivacyOfficer,
        RegionRole.TeamCoordinator => TeamCoordinator,
        _ => null,
    };

    /// <summary>The patient a role looks at in the matrix.</summary>
    public RegionPatient SubjectOf(RegionRole role) => role == RegionRole.SharingColleague ? PracticePatient : HospitalPatient;

    /// <summary>Whether the role may see its subject patient (CONTRACT section 7): what the matrix expects of every patient endpoint.</summary>
    public static bool SeesSubject(RegionRole role) =>
        role is RegionRole.Admin or RegionRole.ServingNurse or RegionRole.ResponsibleClinician or RegionRole.SharingColleague or RegionRole.Patient;

    public static async Task<TestRegion> SetUpAsync(RegionSite site)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var admin = site.Ward.Admin;
        string centre = "centrale-" + unique, otherCentre = "andere-centrale-" + unique, hospital = "rijnstad-" + unique;
        string practice = "de-linde-" + unique, otherHospital = "elders-" + unique;
        await RegionSetup.OrganisationAsync(admin, practice, "general-practice", share: true);
        await RegionSetup.ServesAsync(admin, centre, hospital);
        await RegionSetup.ServesAsync(admin, centre, practice, "general-practice");
        await RegionSetup.ServesAsync(admin, otherCentre, otherHospital);
        await RegionSetup.OrganisationAsync(admin, "wijkzorg-" + unique, "district-nursing");

        var responsible = await site.HireAsync("clinician", hospital);
        var gp = await site.HireAsync("clinician", practice);
        var hospitalPatient = await site.AdmitAsync(responsible);
        return new TestRegion(unique)
        {
            ServingNurse = await site.HireAsync("nurse", centre),
            OtherCentreNurse = await site.HireAsync("nurse", otherCentre),
            ResponsibleClinician = responsible,
            NonSharingColleague = await site.HireAsync("clinician", hospital),
            GeneralPractitioner = gp,
            SharingColleague = await site.HireAsync("clinician", practice),
            OtherOrganisationClinician = await site.HireAsync("clinician", otherHospital),
            PrivacyOfficer = await site.HireAsync("privacy-officer", hospital),
            TeamCoordinator = await site.HireAsync("team-coordinator", "wijkzorg-" + unique),
            HospitalPatient = hospitalPatient,
            HospitalPatientApp = await site.Ward.BindDeviceAsync(hospitalPatient.PatientId, "patient-app"),
            PracticePatient = await site.AdmitAsync(gp),
        };
    }
}
