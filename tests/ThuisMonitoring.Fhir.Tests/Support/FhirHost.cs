using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Hl7.Fhir.Model;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.Fhir.Tests.Support;

/// <summary>
/// The real host process for the FHIR tests, with the staff side through /api as the admin: hires clinicians, binds
/// devices, and reads and posts FHIR JSON. Every name it makes up is unique, so tests sharing the host do not meet.
/// </summary>
public class FhirHost : IAsyncLifetime
{
    public const string StaffPassword = "afdeling-wachtwoord-1";

    private HostProcess? _host;
    private HttpClient? _admin;

    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public HttpClient Admin => _admin ?? throw new InvalidOperationException("The host is not started.");

    public virtual async Task InitializeAsync()
    {
        _host = await HostProcess.StartAsync(settings: Settings);
        _admin = await _host.LoginAsync();
    }

    public virtual async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A new user with the role; returns the username (password <see cref="StaffPassword"/>).</summary>
    public async Task<string> HireAsync(string role, string? organisation = null)
    {
        var username = Unique(role);
        if (organisation is not null)
        {
            // Users belong to an organisation that exists (issue 11): a hospital of its own unless the test made it already.
            await ThuisMonitoring.Testing.RegionSetup.OrganisationAsync(Admin, organisation);
        }

        using var response = await Admin.PostAsJsonAsync("/api/users", new { username, password = StaffPassword, role, displayName = $"Dr. {username}", organisation });
        await ExpectAsync(response, HttpStatusCode.Created);
        return username;
    }

    public Task<HttpClient> SignInAsync(string username) => Host.LoginAsync(username, StaffPassword);

    /// <summary>Binds a new oximeter to the patient; returns its id and secret.</summary>
    public async Task<(string DeviceId, string Secret)> BindDeviceAsync(string patientId)
    {
        using var response = await Admin.PostAsJsonAsync($"/api/patients/{patientId}/devices", new { deviceId = Unique("oximeter"), kind = "oximeter" });
        await ExpectAsync(response, HttpStatusCode.Created);
        var bound = (await response.Content.ReadFromJsonAsync<BoundDevice>())!;
        return (bound.DeviceId, bound.Secret);
    }

    /// <summary>GET as the given client; the answer's status, parsed FHIR resource (null when not FHIR JSON) and raw response.</summary>
    public static async Task<FhirAnswer> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await FhirAnswer.ReadAsync(response);
    }

    public static async Task<FhirAnswer> PostAsync(HttpClient client, string path, Resource resource) =>
        await PostJsonAsync(client, path, FhirJson.Serialize(resource));

    public static async Task<FhirAnswer> PostJsonAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson.MediaType);
        using var response = await client.PostAsync(path, content);
        return await FhirAnswer.ReadAsync(response);
    }

    internal static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)status}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private sealed record BoundDevice(string DeviceId, string Secret);
}

/// <summary>A FHIR answer as read by a test.</summary>
public sealed record FhirAnswer(HttpStatusCode Status, string? ContentType, string Body, Resource? Resource, string? ETag, string? Location)
{
    public T As<T>()
        where T : Resource =>
        Resource as T ?? throw new InvalidOperationException($"Expected a {typeof(T).Name}, got {(int)Status}: {Body}");

    public static async Task<FhirAnswer> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var resource = body.Length > 0 ? FhirJson.Parse(body, out _) : null;
        return new FhirAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, resource,
            response.Headers.ETag?.ToString(), response.Headers.Location?.ToString());
    }
}

/// <summary>One FHIR host for the read, search and enrolment tests.</summary>
public sealed class SharedFhirHost : FhirHost;

[CollectionDefinition(Name)]
public sealed class SharedFhirHostCollection : ICollectionFixture<SharedFhirHost>
{
    public const string Name = "shared FHIR host";
}
