using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ThuisMonitoring.DeviceSimulator.Scenarios;

namespace ThuisMonitoring.DeviceSimulator.Api;

/// <summary>
/// The staff HTTP API as the simulator uses it: sign in, create users, enrol patients, bind devices.
/// One instance may be shared by parallel callers; the bearer token is set by <see cref="SignInAsync"/>.
/// </summary>
public sealed class PlatformApi
{
    private readonly HttpClient _http;
    private string? _token;

    /// <param name="http">A client whose BaseAddress is the host, e.g. http://127.0.0.1:5080/.</param>
    public PlatformApi(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http.BaseAddress, "http.BaseAddress");
        _http = http;
    }

    /// <summary>Creates a client of its own for <paramref name="baseAddress"/>.</summary>
    public static PlatformApi For(Uri baseAddress) =>
        new(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        });

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Waits until <c>GET /health/ready</c> answers 200 (the host may still be starting).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{BaseAddress}health/ready did not answer 200 within {timeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>Gets a token for a user without using it for this client's calls (e.g. for a SignalR connection).</summary>
    public async Task<IssuedToken> GetTokenAsync(string username, string password, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/token")
        {
            Content = JsonContent.Create(new TokenRequest(username, password), options: SimulatorJson.Options),
        };
        return await SendAsync<IssuedToken>(request, "POST /api/auth/token", cancellationToken);
    }

    /// <summary>Signs in; later calls of this client carry the token.</summary>
    public async Task<IssuedToken> SignInAsync(string username, string password, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(username, password, cancellationToken);
        _token = token.AccessToken;
        return token;
    }

    /// <summary>Creates a user; returns false when the username is taken already (a re-run of the same demo).</summary>
    public async Task<bool> CreateUserAsync(NewUser user, CancellationToken cancellationToken)
    {
        using var request = Authorised(HttpMethod.Post, "api/users", user);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        await EnsureSuccessAsync(response, "POST /api/users", cancellationToken);
        return true;
    }

    /// <summary>Creates an organisation; false when it exists already.</summary>
    public async Task<bool> CreateOrganisationAsync(NewOrganisation organisation, CancellationToken cancellationToken)
    {
        using var request = Authorised(HttpMethod.Post, "api/organisations", organisation);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        await EnsureSuccessAsync(response, "POST /api/organisations", cancellationToken);
        return true;
    }

    /// <summary>The monitoring centre serves the organisation from now on (already serving it is fine).</summary>
    public async Task AddClientAsync(string centre, string organisation, CancellationToken cancellationToken)
    {
        using var request = Authorised(HttpMethod.Post, $"api/organisations/{Uri.EscapeDataString(centre)}/clients", new { organisation });
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureSuccessAsync(response, $"POST /api/organisations/{centre}/clients", cancellationToken);
        }
    }

    /// <summary>Enrols a patient and returns the new patientId.</summary>
    public async Task<string> EnrolPatientAsync(NewPatient patient, CancellationToken cancellationToken)
    {
        using var request = Authorised(HttpMethod.Post, "api/patients", patient);
        var created = await SendAsync<CreatedPatient>(request, "POST /api/patients", cancellationToken);
        return created.PatientId;
    }

    /// <summary>The patients the signed-in user may see.</summary>
    public async Task<IReadOnlyList<PatientSummary>> GetPatientsAsync(CancellationToken cancellationToken)
    {
        using var request = Authorised(HttpMethod.Get, "api/patients", body: null);
        return await SendAsync<List<PatientSummary>>(request, "GET /api/patients", cancellationToken);
    }

    /// <summary>Binds a device to a patient; the answer holds the device secret (shown only once).</summary>
    public async Task<DeviceBinding> BindDeviceAsync(
        string patientId, string deviceId, DeviceKind kind, CancellationToken cancellationToken)
    {
        using var request = Authorised(
            HttpMethod.Post, $"api/patients/{Uri.EscapeDataString(patientId)}/devices", new DeviceRequest(deviceId, kind.ToCode()));
        return await SendAsync<DeviceBinding>(request, "POST /api/patients/{id}/devices", cancellationToken);
    }

    private HttpRequestMessage Authorised(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: SimulatorJson.Options);
        }

        return request;
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, string call, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, call, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(SimulatorJson.Options, cancellationToken)
            ?? throw new PlatformApiException(call, response.StatusCode, "empty body", null);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        Problem? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<Problem>(SimulatorJson.Options, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // Not a problem details body; the status code says enough.
        }

        throw new PlatformApiException(call, response.StatusCode, problem?.Title, problem?.Detail);
    }
}
