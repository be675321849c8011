using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Auth;

/// <summary>
/// Issue 9 item 4: TOTP second factor (codes computed here with Otp.NET on the host's clock): enrolment, then every
/// login needs a code, each code only once; an organisation that requires it sends its staff to enrol first.
/// </summary>
[Collection(LoginHostCollection.Name)]
public sealed class TotpTests(LoginHost logins, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(logins.Host, output);

    [Fact]
    public async Task Staff_of_an_organisation_that_requires_TOTP_get_a_token_that_only_enrols()
    {
        var nurse = await logins.HireAsync(LoginHost.TotpOrganisation);

        using var login = await logins.LoginAsync(nurse, LoginHost.Password);

        var problem = await LoginHost.ProblemAsync(login, HttpStatusCode.Unauthorized);
        problem.GetProperty("code").GetString().Should().Be("totp-enrolment-required");
        problem.GetProperty("type").GetString().Should().Be("urn:thuismonitoring:problem:totp-enrolment-required");
        var enrolmentToken = problem.GetProperty("enrolmentToken").GetString()!;
        (await logins.UseAsync(enrolmentToken)).Should().Be(HttpStatusCode.Unauthorized, "the enrolment token opens nothing else");
        using var client = logins.Bearer(enrolmentToken);
        using var password = await client.PostAsJsonAsync("/api/me/password", new { currentPassword = LoginHost.Password, newPassword = "paard batterij nietje" });
        password.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var secret = await EnrolAsync(client, nurse);
        using var confirm = await client.PostAsJsonAsync("/api/me/totp/confirm", new { code = await logins.CodeAsync(secret) });

        var tokens = await Tokens.ReadAsync(confirm);
        (await logins.UseAsync(tokens.AccessToken)).Should().Be(HttpStatusCode.OK, "confirming answers a full token pair");
        (await logins.UseAsync(enrolmentToken)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task After_enrolment_a_login_needs_the_code_and_each_code_works_once()
    {
        var nurse = await logins.HireAsync(LoginHost.TotpOrganisation);
        var secret = await EnrolAndConfirmAsync(nurse);

        using var withoutCode = await logins.LoginAsync(nurse, LoginHost.Password);
        using var wrongCode = await logins.LoginAsync(nurse, LoginHost.Password, "000000");
        (await LoginHost.ProblemAsync(withoutCode, HttpStatusCode.Unauthorized)).GetProperty("code").GetString().Should().Be("totp-required");
        (await LoginHost.ProblemAsync(wrongCode, HttpStatusCode.Unauthorized)).GetProperty("code").GetString().Should().Be("totp-invalid");

        await logins.AdvanceAsync(TimeSpan.FromSeconds(30)); // the confirming code's step is used
        var code = await logins.CodeAsync(secret);
        var tokens = await logins.TokensAsync(nurse, LoginHost.Password, code);
        using var again = await logins.LoginAsync(nurse, LoginHost.Password, code);

        (await logins.UseAsync(tokens.AccessToken)).Should().Be(HttpStatusCode.OK);
        (await LoginHost.ProblemAsync(again, HttpStatusCode.Unauthorized)).GetProperty("code").GetString().Should().Be("totp-invalid", "a code is good once");
    }

    [Fact]
    public async Task A_code_one_step_early_or_late_is_accepted_two_steps_is_not()
    {
        var nurse = await logins.HireAsync();
        var secret = await EnrolAndConfirmAsync(nurse);
        await logins.AdvanceAsync(TimeSpan.FromSeconds(90));

        using var twoLate = await logins.LoginAsync(nurse, LoginHost.Password, await logins.CodeAsync(secret, stepsLater: 2));
        (await LoginHost.ProblemAsync(twoLate, HttpStatusCode.Unauthorized)).GetProperty("code").GetString().Should().Be("totp-invalid");

        (await logins.TokensAsync(nurse, LoginHost.Password, await logins.CodeAsync(secret, stepsLater: -1))).Username.Should().Be(nurse);
        (await logins.TokensAsync(nurse, LoginHost.Password, await logins.CodeAsync(secret, stepsLater: 1))).Username.Should().Be(nurse);
    }

    [Fact]
    public async Task A_wrong_password_with_TOTP_is_still_a_plain_wrong_password()
    {
        var nurse = await logins.HireAsync();
        var secret = await EnrolAndConfirmAsync(nurse);

        using var login = await logins.LoginAsync(nurse, "fout-wachtwoord-1", await logins.CodeAsync(secret, stepsLater: 1));

        var problem = await LoginHost.ProblemAsync(login, HttpStatusCode.Unauthorized);
        problem.TryGetProperty("code", out _).Should().BeFalse("the second factor is asked only after the password is right");
    }

    [Fact]
    public async Task An_admin_resets_a_lost_second_factor()
    {
        var nurse = await logins.HireAsync();
        await EnrolAndConfirmAsync(nurse);

        using var reset = await logins.Admin.DeleteAsync($"/api/users/{nurse}/totp");

        reset.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await logins.TokensAsync(nurse)).Username.Should().Be(nurse, "outside a TOTP organisation the password alone is enough again");
    }

    private async Task<string> EnrolAndConfirmAsync(string username)
    {
        // A full token outside a TOTP organisation, the enrolment token inside one.
        using var login = await logins.LoginAsync(username, LoginHost.Password);
        using var answer = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        var bearer = login.StatusCode == HttpStatusCode.OK
            ? answer.RootElement.GetProperty("accessToken").GetString()!
            : answer.RootElement.GetProperty("enrolmentToken").GetString()!;
        using var client = logins.Bearer(bearer);
        var secret = await EnrolAsync(client, username);
        using var confirm = await client.PostAsJsonAsync("/api/me/totp/confirm", new { code = await logins.CodeAsync(secret) });
        await Tokens.ReadAsync(confirm);
        return secret;
    }

    private static async Task<string> EnrolAsync(HttpClient client, string username)
    {
        using var enrol = await client.PostAsync("/api/me/totp", null);
        var body = await enrol.Content.ReadAsStringAsync();
        enrol.StatusCode.Should().Be(HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var secret = json.RootElement.GetProperty("secret").GetString()!;
        json.RootElement.GetProperty("otpauthUri").GetString().Should().StartWith("otpauth://totp/").And.Contain("secret=" + secret).And.Contain(username);
        return secret;
    }

    public void Dispose() => _log.Dispose();
}
