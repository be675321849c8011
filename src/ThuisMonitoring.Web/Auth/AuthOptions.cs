namespace ThuisMonitoring.Web.Auth;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Password for user <c>admin</c>, created on first start with an empty store; generated and logged once when unset.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Lifetime of an access token.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>File holding the token signing key, so tokens survive a restart. Set by the host under Data:Directory.</summary>
    public string SigningKeyPath { get; set; } = "auth-signing.key";
}
