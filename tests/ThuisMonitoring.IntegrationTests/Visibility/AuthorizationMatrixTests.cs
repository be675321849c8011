using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>
/// Issue 11: every role against every endpoint the host maps (its own catalogue, so a new endpoint without a row in
/// <see cref="AuthorizationMatrix"/> fails here), each outcome as the row says. The patient column needs a patient
/// token (POST /api/auth/device-token), which this version does not issue yet: it is left to the patient app.
/// </summary>
[Collection(RegionSiteCollection.Name)]
public sealed class AuthorizationMatrixTests(RegionSite site, ITestOutputHelper output)
{
    /// <summary>Reached without a token, or not an API at all (see <see cref="Security.AnonymousAccessTests"/>).</summary>
    private static readonly HashSet<string> MeantForStrangers = new(StringComparer.Ordinal)
    {
        "/api/auth/token", "/api/auth/refresh", "/api/auth/logout", "/api/auth/device-token", "/api/pairing/{code}",
        "/health/ready", "/mqtt", "/mqtt/negotiate", "/fhir/metadata", "/fhir/{**rest}",
    };

    [Fact]
    public async Task Every_endpoint_has_a_rule_and_every_rule_an_endpoint()
    {
        var keys = (await CoveredEndpointsAsync()).SelectMany(e => e.CallableMethods.Select(m => Key(m, e.Pattern))).ToHashSet(StringComparer.Ordinal);

        keys.Where(k => !AuthorizationMatrix.Rules.ContainsKey(k)).Should().BeEmpty("every endpoint needs a row in AuthorizationMatrix");
        AuthorizationMatrix.Rules.Keys.Where(k => !keys.Contains(k)).Should().BeEmpty("a row for an endpoint the host no longer maps is stale");
    }

    [Theory]
    [InlineData(RegionRole.Admin)]
    [InlineData(RegionRole.ServingNurse)]
    [InlineData(RegionRole.OtherCentreNurse)]
    [InlineData(RegionRole.ResponsibleClinician)]
    [InlineData(RegionRole.SharingColleague)]
    [InlineData(RegionRole.NonSharingColleague)]
    [InlineData(RegionRole.OtherOrganisationClinician)]
    [InlineData(RegionRole.PrivacyOfficer)]
    [InlineData(RegionRole.TeamCoordinator)]
    [InlineData(RegionRole.Patient)]
    public async Task A_role_gets_from_every_endpoint_what_its_rule_says(RegionRole role)
    {
        var region = await site.RegionAsync();
        var endpoints = await CoveredEndpointsAsync();
        var user = region.UserOf(role);
        using var client = role == RegionRole.Patient
            ? await PatientSignInAsync(region.HospitalPatientApp)
            : user is null ? await site.Host.LoginAsync() : await site.Ward.SignInAsync(user);
        var subject = region.SubjectOf(role);
        var routeValues = new Dictionary<string, string>
        {
            ["patientId"] = subject.PatientId,
            ["alertId"] = subject.AlertId!,
            ["organisation"] = region.Hospital,
            ["id"] = subject.PatientId,
        };

        var wrong = new List<string>();
        var checkedCalls = 0;
        foreach (var endpoint in endpoints)
        {
            foreach (var method in endpoint.CallableMethods)
            {
                if (!AuthorizationMatrix.Rules.TryGetValue(Key(method, endpoint.Pattern), out var rule))
                {
                    continue; // reported by Every_endpoint_has_a_rule_and_every_rule_an_endpoint
                }

                var path = endpoint.PathWith(routeValues) + (rule.Query is null ? string.Empty : "?" + rule.Query);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    var body = rule.Body?.Invoke(region) ?? new { };
                    request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var expected = rule.Expect(role);
                var got = Classify(response.StatusCode, text);
                checkedCalls++;
                if (got != expected)
                {
                    wrong.Add($"{method} {path}: expected {expected}, got {(int)response.StatusCode} {Shorten(text)}");
                }
                else if (rule.ListsPatients && got == Outcome.Reached && Names(text, subject.PatientId) != TestRegion.SeesSubject(role))
                {
                    wrong.Add($"{method} {path}: the list {(TestRegion.SeesSubject(role) ? "leaves out" : "shows")} the subject patient");
                }
            }
        }

        output.WriteLine($"{role}: {checkedCalls} calls checked");
        checkedCalls.Should().BeGreaterThan(40, "the matrix covers the whole API");
        wrong.Should().BeEmpty($"{role} gets what the rule table says");
    }

    private async Task<IReadOnlyList<CatalogueEndpoint>> CoveredEndpointsAsync()
    {
        var endpoints = await EndpointCatalogueClient.ReadAsync(site.Ward.Admin);
        return [.. endpoints.Where(e =>
            (e.Pattern.StartsWith("/api/", StringComparison.Ordinal) || e.Pattern.StartsWith("/hubs/", StringComparison.Ordinal) || e.Pattern.StartsWith("/fhir", StringComparison.Ordinal))
            && !MeantForStrangers.Contains(e.Pattern))];
    }

    /// <summary>"POST /api/patients" for the catalogue's "/api/patients/" (a group's own route ends in a slash).</summary>
    /// <summary>The patient's own token: <c>POST /api/auth/device-token</c> with the patient app's credentials.</summary>
    private async Task<HttpClient> PatientSignInAsync(BoundDevice app)
    {
        using var response = await site.Host.Http.PostAsJsonAsync("/api/auth/device-token", new { deviceId = app.DeviceId, secret = app.Secret });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        var client = new HttpClient { BaseAddress = site.Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Key(string method, string pattern) => $"{method} {(pattern.Length > 1 ? pattern.TrimEnd('/') : pattern)}";

    private static Outcome? Classify(HttpStatusCode status, string body) => status switch
    {
        HttpStatusCode.Forbidden => Outcome.Refused,
        HttpStatusCode.NotFound when body.Contains("not yours to see", StringComparison.Ordinal) => Outcome.Hidden,
        HttpStatusCode.Unauthorized => null,
        >= HttpStatusCode.InternalServerError => null,
        _ => Outcome.Reached,
    };

    private static bool Names(string json, string patientId)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Any(item => item.TryGetProperty("patientId", out var id) && id.GetString() == patientId);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
