namespace ThuisMonitoring.Web.Auth;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Password for user <c>admin</c>, created on first start with an empty store; generated and logged once when unset. Must pass the password policy.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Lifetime of an access token, in minutes (<c>Auth:AccessTokenMinutes</c>); a refresh token gets the next one.</summary>
    public double AccessTokenMinutes { get; set; } = 15;

    /// <summary>How long a login lasts through refreshes, in hours (<c>Auth:RefreshTokenHours</c>): a 12-hour shift.</summary>
    public double RefreshTokenHours { get; set; } = 12;

    /// <summary>Organisations whose staff must log in with a TOTP code (<c>Auth:RequireTotpForOrganisations:0</c>, ...).</summary>
    public string[] RequireTotpForOrganisations { get; set; } = [];

    /// <summary>Throttling of failed logins (<c>Auth:Lockout</c>).</summary>
    public LockoutOptions Lockout { get; set; } = new();

    /// <summary>Shared token signing keys (base64; <c>Auth:SigningKeys:0</c>, ...): the first signs, all are accepted. See <see cref="SigningKey"/>.</summary>
    public string[] SigningKeys { get; set; } = [];

    /// <summary>File holding the token signing key, so tokens survive a restart. Set by the host under Data:Directory.</summary>
    public string SigningKeyPath { get; set; } = "auth-signing.key";

    public TimeSpan AccessTokenLifetime => TimeSpan.FromMinutes(AccessTokenMinutes);

    public TimeSpan RefreshTokenLifetime => TimeSpan.FromHours(RefreshTokenHours);

    public bool RequiresTotp(string? organisation) =>
        organisation is not null && RequireTotpForOrganisations.Contains(organisation, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The <c>Auth:Lockout</c> section: failed logins per username and per client address, and raw login requests per address.</summary>
public sealed class LockoutOptions
{
    public int FailuresPerUser { get; set; } = 5;

    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>Failures are forgotten this long after the last one (or after the lock ends).</summary>
    public double WindowMinutes { get; set; } = 15;

    /// <summary>The first lock; each further failure doubles it, up to <see cref="MaximumLockMinutes"/>.</summary>
    public double FirstLockSeconds { get; set; } = 60;

    public double MaximumLockMinutes { get; set; } = 60;

    /// <summary>Login, refresh and logout requests per client address per minute, successful or not (ASP.NET Core rate limiting).</summary>
    public int RequestsPerMinutePerAddress { get; set; } = 120;
}
