namespace ThuisMonitoring.Web.Auth;

/// <summary>The claims this host puts in its access tokens besides <c>sub</c> and the role.</summary>
public static class TokenClaims
{
    public const string DisplayName = "name";
    public const string Organisation = "org";

    /// <summary>The user's security stamp when the token was issued; a token with an older stamp is refused.</summary>
    public const string SecurityStamp = "stamp";

    /// <summary>Present only on a restricted token: <see cref="TotpEnrolmentScope"/>.</summary>
    public const string Scope = "scope";

    /// <summary>A token that may only enrol a second factor (<c>/api/me/totp</c>): no role, a few minutes.</summary>
    public const string TotpEnrolmentScope = "totp-enrolment";
}
