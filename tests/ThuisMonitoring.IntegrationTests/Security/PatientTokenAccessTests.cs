using System.Net;
using FluentAssertions;
using ThuisMonitoring.IntegrationTests.PatientApp;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Security;

/// <summary>
/// A patient token (role patient, from a paired app) against every /api, /fhir and /hubs endpoint the host maps (read
/// from the host itself, so a new endpoint without a rule fails here the day it is added): 403 or 404 everywhere, except
/// the patient's own /api/me routes and the anonymous ones.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class PatientTokenAccessTests(SharedHost site)
{
    /// <summary>The patient's own routes (policy patient). The account routes under /api/me (password, second factor) are staff's: 403.</summary>
    private static readonly HashSet<string> OwnRoutes = new(StringComparer.Ordinal)
    {
        "/api/me", "/api/me/", "/api/me/vitals", "/api/me/call-request", "/api/me/access-log",
    };

    [Fact]
    public async Task A_patient_token_reads_nothing_but_its_own_routes()
    {
        using var admin = await site.Host.LoginAsync();
        var endpoints = await EndpointCatalogueClient.ReadAsync(admin);
        var (patientId, binding) = await AppPairingSteps.EnrolWithAppAsync(site.Ward);
        var other = await site.Ward.AdmitAsync();
        var (patient, _) = await AppPairingSteps.PairAndSignInAsync(site.Host.BaseAddress, binding);
        using (patient)
        {
            var answered = new List<string>();
            var checkedCount = 0;
            foreach (var endpoint in endpoints.Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal) || e.Pattern.StartsWith("/hubs/", StringComparison.Ordinal) || e.Pattern.StartsWith("/fhir", StringComparison.Ordinal)))
            {
                // The FHIR CapabilityStatement is public (like /health/ready): it says what the server supports, nothing of a patient.
                if (endpoint.AllowsAnonymous || endpoint.Pattern == "/fhir/metadata" || OwnRoutes.Contains(endpoint.Pattern) || endpoint.Pattern.StartsWith("/api/testing/", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var method in endpoint.CallableMethods)
                {
                    // Both the patient's own id and another patient's: neither is reachable by route.
                    foreach (var id in new[] { patientId, other.PatientId })
                    {
                        using var request = new HttpRequestMessage(new HttpMethod(method), endpoint.PathWith(new Dictionary<string, string> { ["patientId"] = id, ["id"] = id }));
                        if (method is "POST" or "PUT" or "PATCH")
                        {
                            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                        }

                        using var response = await patient.SendAsync(request);
                        checkedCount++;
                        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                        {
                            answered.Add($"{method} {endpoint.Pattern} ({(id == patientId ? "own" : "other")} id) -> {(int)response.StatusCode}");
                        }
                    }
                }
            }

            checkedCount.Should().BeGreaterThan(20, "the catalogue lists the host's real endpoints");
            answered.Should().BeEmpty("a patient token is good only for the patient's own /api/me routes");

            using var own = await patient.GetAsync("/api/me");
            own.StatusCode.Should().Be(HttpStatusCode.OK);
            foreach (var account in new[] { "/api/me/password", "/api/me/totp", "/api/me/totp/confirm" })
            {
                using var refused = await patient.PostAsync(account, new StringContent("{\"currentPassword\":\"x\",\"newPassword\":\"y\",\"code\":\"000000\"}", System.Text.Encoding.UTF8, "application/json"));
                refused.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{account} is a staff account's, not a patient app's");
            }
        }
    }
}
