using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Auth;

/// <summary>Issue 9 item 4: wrong passwords are throttled per user (429 + Retry-After, growing), a success forgives.</summary>
[Collection(LoginHostCollection.Name)]
public sealed class BruteForceTests(LoginHost logins, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(logins.Host, output);

    [Fact]
    public async Task Five_wrong_passwords_lock_the_user_even_for_the_right_password_and_leave_colleagues_alone()
    {
        var nurse = await logins.HireAsync();
        var colleague = await logins.HireAsync();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await logins.LoginAsync(nurse, "fout-wachtwoord-" + i);
            wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"attempt {i + 1} is still a plain refusal");
        }

        using var locked = await logins.LoginAsync(nurse, LoginHost.Password);

        var problem = await LoginHost.ProblemAsync(locked, HttpStatusCode.TooManyRequests);
        locked.Headers.RetryAfter?.Delta.Should().Be(TimeSpan.FromSeconds(60));
        problem.GetProperty("detail").GetString().Should().Contain("60 seconds");
        (await logins.TokensAsync(colleague)).Username.Should().Be(colleague);
    }

    [Fact]
    public async Task The_lock_ends_after_Retry_After_and_the_next_failure_doubles_it()
    {
        var nurse = await logins.HireAsync();
        for (var i = 0; i < 5; i++)
        {
            (await logins.LoginAsync(nurse, "fout-wachtwoord-1")).Dispose();
        }

        await logins.AdvanceAsync(TimeSpan.FromSeconds(61));
        using (var wrongAgain = await logins.LoginAsync(nurse, "fout-wachtwoord-1"))
        {
            wrongAgain.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var lockedLonger = await logins.LoginAsync(nurse, LoginHost.Password);
        lockedLonger.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        lockedLonger.Headers.RetryAfter?.Delta.Should().Be(TimeSpan.FromSeconds(120));

        await logins.AdvanceAsync(TimeSpan.FromSeconds(121));
        (await logins.TokensAsync(nurse)).Username.Should().Be(nurse);
    }

    [Fact]
    public async Task A_successful_login_resets_the_count_of_failures()
    {
        var nurse = await logins.HireAsync();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                using var wrong = await logins.LoginAsync(nurse, "fout-wachtwoord-1");
                wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            }

            (await logins.TokensAsync(nurse)).Username.Should().Be(nurse, "four failures and a success never lock");
        }
    }

    [Fact]
    public async Task An_unknown_username_is_throttled_like_a_known_one()
    {
        var unknown = Ward.Unique("niemand");
        for (var i = 0; i < 5; i++)
        {
            (await logins.LoginAsync(unknown, "fout-wachtwoord-1")).Dispose();
        }

        using var locked = await logins.LoginAsync(unknown, "fout-wachtwoord-1");

        locked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a locked answer must not reveal that the user does not exist");
    }

    public void Dispose() => _log.Dispose();
}

/// <summary>Issue 9 item 4: failures from one client address lock that address for every username (hosts of their own).</summary>
public sealed class AddressThrottleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Failures_on_many_usernames_from_one_address_lock_the_address()
    {
        await using var host = await HostProcess.StartAsync(settings: LoginHost.Settings(failuresPerAddress: 4));
        try
        {
            for (var i = 0; i < 4; i++)
            {
                using var wrong = await host.Http.PostAsJsonAsync("/api/auth/token", new { username = Ward.Unique("gok"), password = "fout-wachtwoord-1" });
                wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            }

            using var admin = await host.Http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = HostProcess.AdminPassword });

            admin.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, await admin.Content.ReadAsStringAsync());
            admin.Headers.RetryAfter?.Delta.Should().BeGreaterThan(TimeSpan.Zero);
            host.Output.Split('\n').Count(l => l.Contains("Refused login for", StringComparison.Ordinal))
                .Should().Be(1, "the first refusal is logged in full, the rest of the minute goes into one summary line");
        }
        finally
        {
            HostLog.WriteAll(host, output);
        }
    }

    [Fact]
    public async Task A_flood_of_login_requests_from_one_address_is_rate_limited()
    {
        await using var host = await HostProcess.StartAsync(settings: LoginHost.Settings(requestsPerMinute: 5));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await host.Http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "onzin" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter?.Delta.Should().BeGreaterThan(TimeSpan.Zero);
                (await response.Content.ReadAsStringAsync()).Should().Contain("Too many");
            }
        }

        statuses.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests]);
    }
}
