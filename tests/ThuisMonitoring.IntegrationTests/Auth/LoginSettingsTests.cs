using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Auth;

/// <summary>Issue 9 item 4: the bootstrapped admin's password obeys the policy; nonsense login settings stop the host with the reason.</summary>
public sealed class LoginSettingsTests
{
    [Fact]
    public async Task A_weak_admin_password_stops_the_host_at_start_with_the_reason()
    {
        var start = () => HostProcess.StartAsync(settings: new Dictionary<string, string> { ["Auth:AdminPassword"] = "12345678" });

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("Auth:AdminPassword is refused by the password policy").And.Contain("at least 12 characters");
    }

    [Fact]
    public async Task An_access_token_lifetime_of_zero_stops_the_host_at_start()
    {
        var start = () => HostProcess.StartAsync(settings: new Dictionary<string, string> { ["Auth:AccessTokenMinutes"] = "0" });

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("Auth:AccessTokenMinutes");
    }
}
