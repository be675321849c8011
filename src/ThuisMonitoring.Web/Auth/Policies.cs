using Microsoft.AspNetCore.Authorization;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Auth;

/// <summary>Authorization policies by role.</summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string Staff = "staff";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Staff, p => p.RequireRole(Roles.Admin, Roles.Nurse, Roles.Clinician));
    }
}
