using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OtpNet;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Auth;

/// <summary>
/// A real host on the test clock for the login tests: 5 failures per user, many per address (the per-address rule
/// has hosts of its own), TOTP required for <see cref="TotpOrganisation"/>.
/// </summary>
public sealed class LoginHost : IAsyncLifetime
{
    public const string TotpOrganisation = "Ziekenhuis Tweefactor";
    public const string Password = Ward.StaffPassword;

    private HostProcess? _host;
    private HttpClient? _admin;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host is not started.");

    /// <summary>Signed in as admin; signed in again after every clock move, so its 15-minute token never runs out.</summary>
    public HttpClient Admin => _admin ?? throw new InvalidOperationException("The host is not started.");

    public static IReadOnlyDictionary<string, string> Settings(int failuresPerAddress = 1000, int requestsPerMinute = 100_000) => new Dictionary<string, string>
    {
        ["Testing:AdjustableClock"] = "true",
        ["Auth:Lockout:FailuresPerUser"] = "5",
        ["Auth:Lockout:FailuresPerAddress"] = failuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Auth:Lockout:RequestsPerMinutePerAddress"] = requestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Auth:RequireTotpForOrganisations:0"] = TotpOrganisation,
    };

    public async Task InitializeAsync()
    {
        _host = await HostProcess.StartAsync(settings: Settings());
        _admin = await _host.LoginAsync();
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>Creates a nurse (optionally of an organisation) with <see cref="Password"/>.</summary>
    public async Task<string> HireAsync(string? organisation = null)
    {
        if (organisation is not null)
        {
            await RegionSetup.OrganisationAsync(Admin, organisation);
        }

        var username = Ward.Unique("nurse");
        using var response = await Admin.PostAsJsonAsync("/api/users", new { username, password = Password, role = "nurse", displayName = "Test " + username, organisation });
        await Ward.ExpectAsync(response, HttpStatusCode.Created);
        return username;
    }

    /// <summary>POST /api/auth/token, answered as it is.</summary>
    public Task<HttpResponseMessage> LoginAsync(string username, string password, string? totp = null) =>
        Host.Http.PostAsJsonAsync("/api/auth/token", new { username, password, totp });

    /// <summary>A successful login's token response.</summary>
    public async Task<Tokens> TokensAsync(string username, string password = Password, string? totp = null)
    {
        using var response = await LoginAsync(username, password, totp);
        return await Tokens.ReadAsync(response);
    }

    public HttpClient Bearer(string accessToken)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>GET /api/alerts with the token: 200 while it is good, 401 once revoked.</summary>
    public async Task<HttpStatusCode> UseAsync(string accessToken)
    {
        using var client = Bearer(accessToken);
        using var response = await client.GetAsync("/api/alerts?status=open");
        return response.StatusCode;
    }

    /// <summary>Moves the host's clock forward and answers its time.</summary>
    public async Task<DateTimeOffset> AdvanceAsync(TimeSpan by)
    {
        using var response = await Admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = by.TotalMinutes });
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (by > TimeSpan.Zero)
        {
            Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Host.GetTokenAsync());
        }

        return json.RootElement.GetProperty("now").GetDateTimeOffset();
    }

    /// <summary>The TOTP code an authenticator app shows now for <paramref name="secret"/>, on the host's clock.</summary>
    public async Task<string> CodeAsync(string secret, int stepsLater = 0)
    {
        var now = await AdvanceAsync(TimeSpan.Zero);
        return new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(now.UtcDateTime.AddSeconds(30 * stepsLater));
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary>The answer of POST /api/auth/token or /refresh.</summary>
public sealed record Tokens(string AccessToken, int ExpiresIn, string RefreshToken, int RefreshExpiresIn, string Username, string Role)
{
    public static async Task<Tokens> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<Tokens>(body, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}

[CollectionDefinition(Name)]
public sealed class LoginHostCollection : ICollectionFixture<LoginHost>
{
    public const string Name = "login host";
}
