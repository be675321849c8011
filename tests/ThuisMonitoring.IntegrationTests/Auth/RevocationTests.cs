using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Auth;

/// <summary>Issue 9 item 4: disabling a user or changing their password revokes all their tokens at once, and only theirs.</summary>
[Collection(LoginHostCollection.Name)]
public sealed class RevocationTests(LoginHost logins, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(logins.Host, output);

    [Fact]
    public async Task Disabling_a_user_revokes_their_live_token_at_once_and_blocks_their_login()
    {
        var nurse = await logins.HireAsync();
        var tokens = await logins.TokensAsync(nurse);
        (await logins.UseAsync(tokens.AccessToken)).Should().Be(HttpStatusCode.OK);

        using var disable = await logins.Admin.PostAsync($"/api/users/{nurse}/disable", null);
        disable.StatusCode.Should().Be(HttpStatusCode.OK, await disable.Content.ReadAsStringAsync());

        (await logins.UseAsync(tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        using var login = await logins.LoginAsync(nurse, LoginHost.Password);
        using var wrong = await logins.LoginAsync(Ward.Unique("niemand"), LoginHost.Password);
        var refused = await LoginHost.ProblemAsync(login, HttpStatusCode.Unauthorized);
        refused.GetProperty("detail").GetString().Should().Be((await LoginHost.ProblemAsync(wrong, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(),
            "a disabled user is refused like a wrong password");
        using var refresh = await logins.Host.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        refresh.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the refresh token is revoked too");
        var colleagues = await logins.Admin.GetFromJsonAsync<List<Colleague>>("/api/users?role=nurse");
        colleagues!.Select(c => c.Username).Should().NotContain(nurse, "nobody hands an alert over to a disabled nurse");
    }

    [Fact]
    public async Task An_enabled_user_logs_in_again_but_the_tokens_from_before_stay_revoked()
    {
        var nurse = await logins.HireAsync();
        var before = await logins.TokensAsync(nurse);
        (await logins.Admin.PostAsync($"/api/users/{nurse}/disable", null)).Dispose();

        using var enable = await logins.Admin.PostAsync($"/api/users/{nurse}/enable", null);
        enable.StatusCode.Should().Be(HttpStatusCode.OK);

        (await logins.UseAsync(before.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        var after = await logins.TokensAsync(nurse);
        (await logins.UseAsync(after.AccessToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Disabling_a_user_closes_their_live_hub_connection()
    {
        var nurse = await logins.HireAsync();
        var tokens = await logins.TokensAsync(nurse);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(logins.Host.BaseAddress, "/hubs/alerts"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(tokens.AccessToken))
            .Build();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        hub.State.Should().Be(HubConnectionState.Connected);

        (await logins.Admin.PostAsync($"/api/users/{nurse}/disable", null)).Dispose();

        var finished = await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        finished.Should().BeSameAs(closed.Task, "the server closes the connection of a disabled user");
        var reconnect = () => hub.StartAsync();
        await reconnect.Should().ThrowAsync<HttpRequestException>("the old token no longer opens a connection");
    }

    [Fact]
    public async Task Changing_a_password_revokes_every_token_of_that_user_and_only_theirs()
    {
        var nurse = await logins.HireAsync();
        var colleague = await logins.HireAsync();
        var desk = await logins.TokensAsync(nurse);
        var tablet = await logins.TokensAsync(nurse);
        var theirs = await logins.TokensAsync(colleague);
        using var client = logins.Bearer(desk.AccessToken);

        using var change = await client.PostAsJsonAsync("/api/me/password", new { currentPassword = LoginHost.Password, newPassword = "paard batterij nietje" });

        var fresh = await Tokens.ReadAsync(change);
        (await logins.UseAsync(desk.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await logins.UseAsync(tablet.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await logins.UseAsync(fresh.AccessToken)).Should().Be(HttpStatusCode.OK, "the change answers a new token pair");
        (await logins.UseAsync(theirs.AccessToken)).Should().Be(HttpStatusCode.OK, "a colleague's tokens are untouched");
        using var oldPassword = await logins.LoginAsync(nurse, LoginHost.Password);
        oldPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await logins.TokensAsync(nurse, "paard batterij nietje")).Username.Should().Be(nurse);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_and_revokes_nothing()
    {
        var nurse = await logins.HireAsync();
        var tokens = await logins.TokensAsync(nurse);
        using var client = logins.Bearer(tokens.AccessToken);

        using var change = await client.PostAsJsonAsync("/api/me/password", new { currentPassword = "fout-wachtwoord-1", newPassword = "paard batterij nietje" });

        (await LoginHost.ProblemAsync(change, HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().Contain("currentPassword");
        (await logins.UseAsync(tokens.AccessToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_password_reset_revokes_the_users_tokens()
    {
        var nurse = await logins.HireAsync();
        var tokens = await logins.TokensAsync(nurse);

        using var reset = await logins.Admin.PostAsJsonAsync($"/api/users/{nurse}/password", new { newPassword = "nieuw-door-beheer-7" });

        reset.StatusCode.Should().Be(HttpStatusCode.NoContent, await reset.Content.ReadAsStringAsync());
        (await logins.UseAsync(tokens.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await logins.TokensAsync(nurse, "nieuw-door-beheer-7")).Username.Should().Be(nurse);
    }

    [Fact]
    public async Task Only_an_admin_may_disable_and_nobody_disables_an_unknown_user()
    {
        var nurse = await logins.HireAsync();
        var tokens = await logins.TokensAsync(nurse);
        using var client = logins.Bearer(tokens.AccessToken);

        using var byNurse = await client.PostAsync($"/api/users/{nurse}/disable", null);
        using var unknown = await logins.Admin.PostAsync($"/api/users/{Ward.Unique("niemand")}/disable", null);

        byNurse.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    public void Dispose() => _log.Dispose();

    private sealed record Colleague(string Username);
}
