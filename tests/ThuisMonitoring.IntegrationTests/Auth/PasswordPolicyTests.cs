using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Auth;

/// <summary>Issue 9 item 4: weak passwords are refused (400 naming the rule) wherever a password is set.</summary>
[Collection(LoginHostCollection.Name)]
public sealed class PasswordPolicyTests(LoginHost logins, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(logins.Host, output);

    [Theory]
    [InlineData("12345678", "too-short")]
    [InlineData("kort-wacht", "too-short")]
    [InlineData("qwertyuiop123", "common")]
    [InlineData("wachtwoord2024!", "common")]
    [InlineData("123456789012", "common")]
    [InlineData("{username}", "same-as-username")]
    public async Task A_new_user_with_a_weak_password_is_refused(string password, string rule)
    {
        var username = Ward.Unique("verpleegkundige");
        using var response = await logins.Admin.PostAsJsonAsync("/api/users",
            new { username, password = password.Replace("{username}", username, StringComparison.Ordinal), role = "nurse", displayName = "Zwak" });

        var problem = await LoginHost.ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("rule").GetString().Should().Be(rule);
        problem.GetProperty("detail").GetString().Should().Contain("password");
        using var login = await logins.LoginAsync(username, password);
        login.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the user was not created");
    }

    [Fact]
    public async Task A_password_change_or_reset_to_a_weak_password_is_refused_and_changes_nothing()
    {
        var nurse = await logins.HireAsync();
        var tokens = await logins.TokensAsync(nurse);
        using var client = logins.Bearer(tokens.AccessToken);

        using var change = await client.PostAsJsonAsync("/api/me/password", new { currentPassword = LoginHost.Password, newPassword = "12345678" });
        using var reset = await logins.Admin.PostAsJsonAsync($"/api/users/{nurse}/password", new { newPassword = "password1234" });

        (await LoginHost.ProblemAsync(change, HttpStatusCode.BadRequest)).GetProperty("rule").GetString().Should().Be("too-short");
        (await LoginHost.ProblemAsync(reset, HttpStatusCode.BadRequest)).GetProperty("rule").GetString().Should().Be("common");
        (await logins.UseAsync(tokens.AccessToken)).Should().Be(HttpStatusCode.OK, "a refused change revokes nothing");
        (await logins.TokensAsync(nurse)).Username.Should().Be(nurse);
    }

    public void Dispose() => _log.Dispose();
}
