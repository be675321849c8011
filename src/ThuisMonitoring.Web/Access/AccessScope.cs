using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Visibility;

namespace ThuisMonitoring.Web.Access;

/// <summary>
/// One caller and the region as it was when the request began: answers the visibility rule for many patients,
/// staff members or organisations without reading the organisations again.
/// </summary>
public sealed class AccessScope(Viewer viewer, Region region)
{
    public Viewer Viewer { get; } = viewer;

    public Region Region { get; } = region;

    public bool MaySee(PatientRecord patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return VisibilityRule.MaySee(Viewer, Facts(patient), Region);
    }

    public bool MaySeeStaff(UserAccount member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return VisibilityRule.MaySeeStaff(Viewer, new StaffMember(member.Username, member.Role, member.Organisation), Region);
    }

    public bool MayEnrolFor(UserAccount clinician)
    {
        ArgumentNullException.ThrowIfNull(clinician);
        return VisibilityRule.MayEnrolFor(Viewer, new StaffMember(clinician.Username, clinician.Role, clinician.Organisation), Region);
    }

    public bool MayReadOrganisation(string organisation) => VisibilityRule.MayReadOrganisation(Viewer, organisation, Region);

    public bool MaySeeOrganisation(string organisation) => VisibilityRule.MaySeeOrganisation(Viewer, organisation, Region);

    public bool MayReview(string? patientOrganisation) => VisibilityRule.MayReview(Viewer, patientOrganisation);

    /// <summary>Whether the caller reviews an audit record: by a user of <paramref name="actorOrganisation"/>, about <paramref name="patient"/> (null: none or unknown).</summary>
    public bool MayReviewAuditRecord(string? actorOrganisation, PatientRecord? patient) =>
        VisibilityRule.MayReviewAuditRecord(Viewer, actorOrganisation, patient is null ? null : Facts(patient));

    public bool MaySeeCapacity(string centre) => VisibilityRule.MaySeeCapacity(Viewer, centre, Region);

    public bool MayKeepTeam(string teamOrganisation) => VisibilityRule.MayKeepTeam(Viewer, teamOrganisation);

    public bool MaySeeIntake(string teamOrganisation, PatientRecord patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return VisibilityRule.MaySeeIntake(Viewer, teamOrganisation, Facts(patient), Region);
    }

    public bool MayAnswerIntake(string teamOrganisation) => VisibilityRule.MayAnswerIntake(Viewer, teamOrganisation);

    public static CaredForPatient Facts(PatientRecord patient) => new(patient.PatientId, patient.ResponsibleClinician, patient.Organisation);
}
