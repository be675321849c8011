namespace ThuisMonitoring.BrowserTests;

/// <summary>
/// A console site whose access tokens live 6 seconds (so a console must renew them to keep working) and whose
/// organisation <see cref="TotpOrganisation"/> requires a TOTP second factor.
/// </summary>
public sealed class ShortTokenSite : IAsyncLifetime
{
    public const string TotpOrganisation = "Tweefactor Ziekenhuis";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Auth:AccessTokenMinutes"] = "0.1",
        ["Auth:RequireTotpForOrganisations:0"] = TotpOrganisation,
    };

    public ConsoleSite Site { get; } = new(Settings);

    public Task InitializeAsync() => Site.InitializeAsync();

    public Task DisposeAsync() => Site.DisposeAsync();
}
