namespace ThuisMonitoring.Domain.Visibility;

/// <summary>
/// Who may see what (CONTRACT section 7), the one place this is decided for every channel. A patient is seen by the
/// responsible clinician; by the clinicians of the patient's organisation where it shares its patients; by the nurses
/// of the patient's own organisation and of every monitoring centre that serves it; by admins; and by the patient
/// themselves. Nobody else, whatever their role. Staff and patients without an organisation (created before
/// organisations existed) count as one organisation of their own: its nurses see its patients, it never shares and
/// no centre serves it.
/// </summary>
public static class VisibilityRule
{
    public static bool MaySee(Viewer viewer, CaredForPatient patient, Region region)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(region);
        return viewer.Role switch
        {
            RoleCodes.Admin => true,
            RoleCodes.Patient => viewer.PatientId is not null && string.Equals(viewer.PatientId, patient.PatientId, StringComparison.Ordinal),
            RoleCodes.Clinician => IsResponsible(viewer, patient)
                || (viewer.Organisation is not null && SameOrganisation(viewer.Organisation, patient.Organisation) && region.Shares(patient.Organisation)),
            RoleCodes.Nurse => SameOrganisation(viewer.Organisation, patient.Organisation) || region.Serves(viewer.Organisation, patient.Organisation),
            _ => false,
        };
    }

    /// <summary>
    /// Whether <paramref name="viewer"/> may enrol a patient with <paramref name="clinician"/> responsible: only for a
    /// clinician, and only for a patient the viewer would then see (a clinician: themselves, or a colleague where the
    /// organisation shares; a nurse: a clinician of their own or a served organisation; an admin: anyone).
    /// </summary>
    public static bool MayEnrolFor(Viewer viewer, StaffMember clinician, Region region)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(clinician);
        return clinician.Role == RoleCodes.Clinician
            && viewer.Role is RoleCodes.Admin or RoleCodes.Clinician or RoleCodes.Nurse
            && MaySee(viewer, new CaredForPatient(string.Empty, clinician.Username, clinician.Organisation), region);
    }

    /// <summary>
    /// Whether a staff list shows <paramref name="member"/> to <paramref name="viewer"/>: admins see everyone; others
    /// the staff of their own organisation and the clinicians they may need to pick — of the organisations their centre
    /// serves (a nurse enrolling), or of the organisations served by the same centres as theirs (a handover to a GP).
    /// </summary>
    public static bool MaySeeStaff(Viewer viewer, StaffMember member, Region region)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(region);
        if (viewer.Role == RoleCodes.Admin || SameOrganisation(viewer.Organisation, member.Organisation))
        {
            return true;
        }

        if (viewer.Role is not (RoleCodes.Nurse or RoleCodes.Clinician) || member.Role != RoleCodes.Clinician || member.Organisation is null)
        {
            return false;
        }

        return region.Serves(viewer.Organisation, member.Organisation) || region.ShareACentre(viewer.Organisation, member.Organisation);
    }

    /// <summary>An organisation's protocol layer: admins, its own staff and the staff of a centre that serves it.</summary>
    public static bool MayReadOrganisation(Viewer viewer, string organisation, Region region)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(region);
        return viewer.Role == RoleCodes.Admin
            || (viewer.Role is RoleCodes.Nurse or RoleCodes.Clinician
                && (SameOrganisation(viewer.Organisation, organisation) || region.Serves(viewer.Organisation, organisation)));
    }

    /// <summary>
    /// Whether <paramref name="viewer"/> may see an organisation in lists (name, kind, clients): admins all; others their
    /// own, the organisations their centre serves and the centres that serve theirs.
    /// </summary>
    public static bool MaySeeOrganisation(Viewer viewer, string organisation, Region region)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(region);
        return viewer.Role == RoleCodes.Admin
            || (viewer.Organisation is not null
                && (SameOrganisation(viewer.Organisation, organisation)
                    || region.Serves(viewer.Organisation, organisation)
                    || region.Serves(organisation, viewer.Organisation)));
    }

    /// <summary>A privacy officer works on the patients of their own organisation (erasure requests); an admin on all.</summary>
    public static bool MayReview(Viewer viewer, string? patientOrganisation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Role == RoleCodes.Admin
            || (viewer.Role == RoleCodes.PrivacyOfficer && SameOrganisation(viewer.Organisation, patientOrganisation));
    }

    /// <summary>
    /// Whether an audit record is <paramref name="viewer"/>'s to review: an admin every record; a privacy officer the
    /// records about a patient of their organisation (<paramref name="patient"/>: null when the record names no patient
    /// or one no longer in the directory) and the records of what a user of their organisation did
    /// (<paramref name="actorOrganisation"/>). Nobody else.
    /// </summary>
    public static bool MayReviewAuditRecord(Viewer viewer, string? actorOrganisation, CaredForPatient? patient)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Role == RoleCodes.Admin
            || (viewer.Role == RoleCodes.PrivacyOfficer
                && ((patient is not null && SameOrganisation(viewer.Organisation, patient.Organisation)) || SameOrganisation(viewer.Organisation, actorOrganisation)));
    }

    /// <summary>
    /// A monitoring centre's capacity board (CONTRACT section 10): its own nurses and admins (an admin any centre's).
    /// It holds counts, never a patient.
    /// </summary>
    public static bool MaySeeCapacity(Viewer viewer, string centre, Region region)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(region);
        return region.Find(centre)?.Kind == Organisations.OrganisationKind.MonitoringCentre
            && (viewer.Role == RoleCodes.Admin || (viewer.Role == RoleCodes.Nurse && SameOrganisation(viewer.Organisation, centre)));
    }

    /// <summary>A district-nursing team's record and lights are kept by the coordinators of its organisation (and admins).</summary>
    public static bool MayKeepTeam(Viewer viewer, string teamOrganisation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Role == RoleCodes.Admin
            || (viewer.Role == RoleCodes.TeamCoordinator && viewer.Organisation is not null && SameOrganisation(viewer.Organisation, teamOrganisation));
    }

    /// <summary>
    /// An intake request is seen by the coordinators of the organisation of the team it was sent to (a team sees only
    /// the requests sent to it, and through them nothing else of the patient) and by the staff who may see the patient.
    /// </summary>
    public static bool MaySeeIntake(Viewer viewer, string teamOrganisation, CaredForPatient patient, Region region)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Role == RoleCodes.TeamCoordinator
            ? viewer.Organisation is not null && SameOrganisation(viewer.Organisation, teamOrganisation)
            : viewer.Role is RoleCodes.Admin or RoleCodes.Nurse or RoleCodes.Clinician && MaySee(viewer, patient, region);
    }

    /// <summary>Only the team answers: a coordinator of the receiving team's organisation.</summary>
    public static bool MayAnswerIntake(Viewer viewer, string teamOrganisation)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return viewer.Role == RoleCodes.TeamCoordinator && viewer.Organisation is not null && SameOrganisation(viewer.Organisation, teamOrganisation);
    }

    private static bool IsResponsible(Viewer viewer, CaredForPatient patient) =>
        string.Equals(viewer.Username, patient.ResponsibleClinician, StringComparison.OrdinalIgnoreCase);

    private static bool SameOrganisation(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);
}
