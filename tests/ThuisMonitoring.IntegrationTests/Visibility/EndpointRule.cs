namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>What a caller gets from an endpoint, as the matrix tells outcomes apart.</summary>
public enum Outcome
{
    /// <summary>Let through to the handler: 2xx, or a 400/404/409 about the request itself (the matrix sends minimal bodies).</summary>
    Reached,

    /// <summary>404 "does not exist or is not yours to see": the patient, alert or organisation is hidden from the caller.</summary>
    Hidden,

    /// <summary>403: the caller's role may not do this at all.</summary>
    Refused,
}

/// <summary>
/// The expected outcome of one endpoint for every <see cref="RegionRole"/>, with what to send: the body (JSON) and a
/// query string. <see cref="ListsPatients"/>: the answer is a JSON array whose items name a <c>patientId</c>, and it
/// must name the role's subject patient exactly when the role may see them.
/// </summary>
public sealed record EndpointRule(Func<RegionRole, Outcome> Expect, Func<TestRegion, object?>? Body = null, string? Query = null, bool ListsPatients = false)
{
    private static readonly RegionRole[] Staff =
    [
        RegionRole.Admin, RegionRole.ServingNurse, RegionRole.OtherCentreNurse, RegionRole.ResponsibleClinician,
        RegionRole.SharingColleague, RegionRole.NonSharingColleague, RegionRole.OtherOrganisationClinician,
    ];

    private static readonly RegionRole[] AuditReaders = [RegionRole.Admin, RegionRole.PrivacyOfficer];

    /// <summary>Open to the roles of a policy (staff, admin, audit readers...), 403 for the others; no patient of its own.</summary>
    public static EndpointRule For(params RegionRole[] roles) => new(role => roles.Contains(role) ? Outcome.Reached : Outcome.Refused);

    public static EndpointRule ForStaff() => For(Staff);

    public static EndpointRule ForAuditReaders() => For(AuditReaders);

    public static EndpointRule ForAnyone() => new(_ => Outcome.Reached);

    /// <summary>The caller's own account (password, second factor): every signed-in user, not a patient app's token (403).</summary>
    public static EndpointRule ForAccounts() => new(role => role == RegionRole.Patient ? Outcome.Refused : Outcome.Reached);

    /// <summary>A staff list of patients or alerts: open to staff, and it shows the subject only to those who may see them.</summary>
    public static EndpointRule ListForStaff() => For(Staff) with { ListsPatients = true };

    /// <summary>A patient's data (the subject's patient or alert in the route): staff who may see them reach it, other staff 404.</summary>
    public static EndpointRule PatientData() =>
        new(role => !Staff.Contains(role) ? Outcome.Refused : TestRegion.SeesSubject(role) ? Outcome.Reached : Outcome.Hidden);

    /// <summary>The clinician's decisions: hidden as <see cref="PatientData"/>, and a nurse who sees the patient still gets 403.</summary>
    public static EndpointRule Decision() =>
        new(role => !Staff.Contains(role) ? Outcome.Refused
            : !TestRegion.SeesSubject(role) ? Outcome.Hidden
            : role == RegionRole.ServingNurse ? Outcome.Refused
            : Outcome.Reached);

    /// <summary>Only the subject's responsible clinician acts; others who see the patient get 403, the rest 404.</summary>
    public static EndpointRule ResponsibleClinicianOnly() =>
        new(role => !Staff.Contains(role) ? Outcome.Refused
            : !TestRegion.SeesSubject(role) ? Outcome.Hidden
            : role == RegionRole.ResponsibleClinician ? Outcome.Reached
            : Outcome.Refused);

    /// <summary>Staff and district-nursing team coordinators (issue 16).</summary>
    public static EndpointRule ForStaffAndTeams() => For([.. Staff, RegionRole.TeamCoordinator]);

    /// <summary>Only <paramref name="role"/> reaches the endpoint, and finds the item ("x") hidden; every other role 403.</summary>
    public static EndpointRule HiddenFrom(RegionRole role) => new(r => r == role ? Outcome.Hidden : Outcome.Refused);

    /// <summary>An item of the subject's that does not exist: every staff member gets the same 404, other roles 403.</summary>
    public static EndpointRule HiddenFromStaff() => new(role => Staff.Contains(role) ? Outcome.Hidden : Outcome.Refused);

    /// <summary>About the hospital itself (its protocol, its record): its own staff, the serving centre's nurses and admins; other staff 404.</summary>
    public static EndpointRule OfTheHospital() =>
        new(role => !Staff.Contains(role) ? Outcome.Refused
            : role is RegionRole.Admin or RegionRole.ServingNurse or RegionRole.ResponsibleClinician or RegionRole.NonSharingColleague ? Outcome.Reached
            : Outcome.Hidden);

    /// <summary>Erasure of the subject: admins and the privacy officer of the patient's organisation.</summary>
    public static EndpointRule Review() => ForAuditReaders();

    public EndpointRule Sending(Func<TestRegion, object?> body) => this with { Body = body };

    public EndpointRule WithQuery(string query) => this with { Query = query };
}
