using System.Net;
using System.Net.Http.Json;
using FluentAssertions;

namespace ThuisMonitoring.IntegrationTests.PatientApp;

/// <summary>A pairing code lasts 24 hours on the host's clock (the adjustable test clock, moved by the test).</summary>
public sealed class PairingExpiryTests(PatientAppHost site) : IClassFixture<PatientAppHost>
{
    [Fact]
    public async Task A_code_older_than_24_hours_is_404_like_an_unknown_one()
    {
        var (_, binding) = await AppPairingSteps.EnrolWithAppAsync(site.Ward);
        var (_, fresh) = await AppPairingSteps.EnrolWithAppAsync(site.Ward);
        using (var early = await AppPairingSteps.RedeemAsync(site.Host.BaseAddress, "ABCD-2345"))
        {
            early.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var advanced = await site.Ward.Admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = 24 * 60 - 1 }))
        {
            advanced.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var inTime = await AppPairingSteps.RedeemAsync(site.Host.BaseAddress, fresh.PairingCode!))
        {
            inTime.StatusCode.Should().Be(HttpStatusCode.OK, "a code is good until 24 hours after it was issued");
        }

        // The admin's token of a day ago has expired too.
        using var admin = await site.Host.LoginAsync();
        using (var advanced = await admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = 2 }))
        {
            advanced.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var expired = await AppPairingSteps.RedeemAsync(site.Host.BaseAddress, binding.PairingCode!);
        using var unknown = await AppPairingSteps.RedeemAsync(site.Host.BaseAddress, "ZZZZ-ZZZZ");
        expired.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await DetailOf(expired)).Should().Be(await DetailOf(unknown), "nothing tells an expired code from an unknown one");
    }

    private static async Task<string?> DetailOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("detail").GetString();
}
