using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Auth;

/// <summary>Issue 9 item 4: access tokens live 15 minutes; refresh tokens rotate, a reused one revokes its login, logout ends it.</summary>
[Collection(LoginHostCollection.Name)]
public sealed class RefreshTokenTests(LoginHost logins, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(logins.Host, output);

    [Fact]
    public async Task A_login_answers_a_15_minute_access_token_and_a_refresh_token_for_the_shift()
    {
        var nurse = await logins.HireAsync();

        var tokens = await logins.TokensAsync(nurse);

        tokens.ExpiresIn.Should().Be(15 * 60);
        tokens.RefreshToken.Should().NotBeNullOrEmpty().And.NotContain(".", "it is opaque, not a JWT");
        tokens.RefreshExpiresIn.Should().Be(12 * 60 * 60);
    }

    [Fact]
    public async Task An_expired_access_token_is_refused_and_the_refresh_token_gets_a_new_one()
    {
        var nurse = await logins.HireAsync();
        var tokens = await logins.TokensAsync(nurse);

        await logins.AdvanceAsync(TimeSpan.FromMinutes(16));

        (await logins.UseAsync(tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        var next = await RefreshAsync(tokens.RefreshToken);
        (await logins.UseAsync(next.AccessToken)).Should().Be(HttpStatusCode.OK);
        next.RefreshToken.Should().NotBe(tokens.RefreshToken, "the refresh token rotates");
        next.RefreshExpiresIn.Should().BeLessThan(tokens.RefreshExpiresIn, "the login keeps its end; a refresh does not extend it");
    }

    [Fact]
    public async Task A_reused_refresh_token_revokes_every_refresh_token_of_that_login()
    {
        var nurse = await logins.HireAsync();
        var first = await logins.TokensAsync(nurse);
        var second = await RefreshAsync(first.RefreshToken);

        using var reuse = await logins.Host.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken });
        using var afterReuse = await logins.Host.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second.RefreshToken });

        await LoginHost.ProblemAsync(reuse, HttpStatusCode.Unauthorized);
        afterReuse.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the thief's or the owner's copy: the whole family is revoked");
        var otherLogin = await logins.TokensAsync(nurse);
        (await RefreshAsync(otherLogin.RefreshToken)).Username.Should().Be(nurse, "another login of the same user is another family");
    }

    [Fact]
    public async Task Logout_ends_the_refresh_token()
    {
        var nurse = await logins.HireAsync();
        var tokens = await logins.TokensAsync(nurse);

        using var logout = await logins.Host.Http.PostAsJsonAsync("/api/auth/logout", new { refreshToken = tokens.RefreshToken });

        logout.StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var refresh = await logins.Host.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        refresh.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_login_ends_after_12_hours_whatever_the_refreshes()
    {
        var nurse = await logins.HireAsync();
        var tokens = await logins.TokensAsync(nurse);
        for (var hour = 0; hour < 11; hour++)
        {
            await logins.AdvanceAsync(TimeSpan.FromMinutes(60));
            tokens = await RefreshAsync(tokens.RefreshToken);
        }

        await logins.AdvanceAsync(TimeSpan.FromMinutes(61));
        using var refresh = await logins.Host.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });

        refresh.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unknown_refresh_token_is_401_and_a_missing_one_400()
    {
        using var unknown = await logins.Host.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "geen-echt-token" });
        using var missing = await logins.Host.Http.PostAsJsonAsync("/api/auth/refresh", new { });

        await LoginHost.ProblemAsync(unknown, HttpStatusCode.Unauthorized);
        await LoginHost.ProblemAsync(missing, HttpStatusCode.BadRequest);
    }

    private async Task<Tokens> RefreshAsync(string refreshToken)
    {
        using var response = await logins.Host.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        return await Tokens.ReadAsync(response);
    }

    public void Dispose() => _log.Dispose();
}
