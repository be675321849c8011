using System.Net.Http.Headers;
using System.Net.Http.Json;
using ThuisMonitoring.DeviceSimulator.Demo;

namespace ThuisMonitoring.Host.Demo;

/// <summary>
/// Demo mode binds a patient app to the first simulated patient through the API, as a nurse would, so a newcomer can
/// open the app already paired from the banner's link (or pair another patient from the console's "Koppel de app").
/// </summary>
internal static class DemoAppPairing
{
    /// <summary>The pairing URL of a new patient-app device of <paramref name="patient"/>; null when the API refused.</summary>
    public static async Task<string?> PairAsync(Uri api, string adminPassword, SimulatedPatient patient, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
        using var login = await client.PostAsJsonAsync("api/auth/token", new { username = "admin", password = adminPassword }, cancellationToken);
        if (!login.IsSuccessStatusCode)
        {
            return null;
        }

        var token = await login.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        var deviceId = $"app-{patient.PatientId[..8]}-{Guid.NewGuid():N}"[..24];
        using var bound = await client.PostAsJsonAsync($"api/patients/{patient.PatientId}/devices", new { deviceId, kind = "patient-app" }, cancellationToken);
        return bound.IsSuccessStatusCode ? (await bound.Content.ReadFromJsonAsync<Binding>(cancellationToken))?.PairingUrl : null;
    }

    private sealed record TokenAnswer(string AccessToken);

    private sealed record Binding(string DeviceId, string? PairingUrl);
}
