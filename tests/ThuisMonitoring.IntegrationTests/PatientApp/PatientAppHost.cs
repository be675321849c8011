using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FluentAssertions;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.PatientApp;

/// <summary>A host on the adjustable test clock, for pairing codes that expire after 24 hours.</summary>
public sealed class PatientAppHost() : HostFixture(new Dictionary<string, string> { ["Testing:AdjustableClock"] = "true" });

/// <summary>What binding a patient-app device answers (CONTRACT section 6).</summary>
public sealed record AppBinding(string DeviceId, string Secret, string? PairingCode, string? PairingUrl, DateTimeOffset? PairingExpiresAt);

/// <summary>What <c>POST /api/pairing/{code}</c> answers.</summary>
public sealed record PairedApp(string DeviceId, string Secret, string MqttUrl);

/// <summary>Pairing and the patient token, through the host's API.</summary>
public static class AppPairingSteps
{
    public static async Task<(string PatientId, AppBinding Binding)> EnrolWithAppAsync(Ward ward)
    {
        var patient = await ward.AdmitAsync();
        var deviceId = Ward.Unique("app");
        using var response = await ward.Admin.PostAsJsonAsync($"/api/patients/{patient.PatientId}/devices", new { deviceId, kind = "patient-app" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (patient.PatientId, (await response.Content.ReadFromJsonAsync<AppBinding>())!);
    }

    public static async Task<HttpResponseMessage> RedeemAsync(Uri host, string code)
    {
        using var stranger = new HttpClient { BaseAddress = host };
        var response = await stranger.PostAsync($"/api/pairing/{Uri.EscapeDataString(code)}", content: null);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Pairs and signs in as the patient: a client with a bearer token of role patient.</summary>
    public static async Task<(HttpClient Patient, PairedApp App)> PairAndSignInAsync(Uri host, AppBinding binding)
    {
        using var redeemed = await RedeemAsync(host, binding.PairingCode!);
        redeemed.StatusCode.Should().Be(HttpStatusCode.OK);
        var app = (await redeemed.Content.ReadFromJsonAsync<PairedApp>())!;
        var client = new HttpClient { BaseAddress = host };
        using var token = await client.PostAsJsonAsync("/api/auth/device-token", new { deviceId = app.DeviceId, secret = app.Secret });
        token.StatusCode.Should().Be(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        var accessToken = (await token.Content.ReadFromJsonAsync<TokenAnswer>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (client, app);
    }

    private sealed record TokenAnswer(string AccessToken, int ExpiresIn);
}
