using Microsoft.AspNetCore.Authorization;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Auth;

/// <summary>Authorization policies by role.</summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string Staff = "staff";

    /// <summary>Who may read the audit trail: admins and privacy officers.</summary>
    public const string AuditReader = "audit-reader";

    /// <summary>Users with an account of their own (password, second factor): every role but a patient app's token.</summary>
    public const string Account = "account";

    /// <summary>A patient's own token (role patient).</summary>
    public const string Patient = "patient";

    /// <summary>The capacity board of a centre: its nurses and admins.</summary>
    public const string CapacityBoard = "capacity-board";

    /// <summary>District-nursing teams and intake: staff and team coordinators.</summary>
    public const string CareRegion = "care-region";

    /// <summary>A district-nursing organisation's team coordinator.</summary>
    public const string TeamCoordinator = "team-coordinator";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Staff, p => p.RequireRole(Roles.Admin, Roles.Nurse, Roles.Clinician));
        // Every signed-in user but a patient app: also a team coordinator, and the role-less TOTP-enrolment token the
        // login hands out (TokenRevocation keeps that one to /api/me/totp).
        options.AddPolicy(Account, p => p.RequireAuthenticatedUser().RequireAssertion(context => !context.User.IsInRole(Roles.Patient)));
        options.AddPolicy(AuditReader, p => p.RequireRole(Roles.Admin, Roles.PrivacyOfficer));
        options.AddPolicy(Patient, p => p.RequireRole(Roles.Patient).RequireClaim(CurrentUser.PatientIdClaim));
        options.AddPolicy(CapacityBoard, p => p.RequireRole(Roles.Admin, Roles.Nurse));
        options.AddPolicy(CareRegion, p => p.RequireRole(Roles.Admin, Roles.Nurse, Roles.Clinician, Roles.TeamCoordinator));
        options.AddPolicy(TeamCoordinator, p => p.RequireRole(Roles.TeamCoordinator));
    }
}
