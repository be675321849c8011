using System.Net;
using FluentAssertions;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Security;

/// <summary>
/// An anonymous caller against every endpoint the host maps (read from the host itself, so a new endpoint is covered
/// the day it is added): only the endpoints meant for strangers answer; everything else is 401 without a token.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class AnonymousAccessTests(SharedHost site)
{
    /// <summary>What an anonymous caller may reach, and why: logging in, the console's files, health, the MQTT socket.</summary>
    private static readonly HashSet<string> MeantForStrangers = new(StringComparer.Ordinal)
    {
        "/api/auth/token",    // logging in
        "/api/auth/refresh",  // a refresh token is the credential
        "/api/auth/logout",   // revokes the refresh token it is given, nothing else
        "/health/ready",      // readiness for the load balancer: no data
        "/mqtt",              // MQTT over WebSocket: the device authenticates in CONNECT
        "/fhir/metadata",     // the CapabilityStatement: what the server supports, public as FHIR servers' are
        "/fhir/{**rest}",     // an unknown FHIR path: 404 OperationOutcome for everyone, nothing about any patient
        "/api/pairing/{code}",      // a patient app's one-time pairing code is the credential (throttled)
        "/api/auth/device-token",   // a paired app's device id and secret are the credential (throttled)
    };

    [Fact]
    public async Task Every_endpoint_not_meant_for_strangers_refuses_an_anonymous_caller()
    {
        using var admin = await site.Host.LoginAsync();
        var endpoints = await EndpointCatalogueClient.ReadAsync(admin);
        endpoints.Should().Contain(e => e.Pattern == "/api/patients/{patientId}", "the catalogue lists the host's real endpoints");

        using var stranger = new HttpClient { BaseAddress = site.Host.BaseAddress };
        var answered = new List<string>();
        foreach (var endpoint in endpoints.Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal) || e.Pattern.StartsWith("/hubs/", StringComparison.Ordinal) || e.Pattern.StartsWith("/fhir", StringComparison.Ordinal)))
        {
            if (MeantForStrangers.Contains(endpoint.Pattern))
            {
                continue;
            }

            foreach (var method in endpoint.CallableMethods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), endpoint.PathWith());
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await stranger.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    answered.Add($"{method} {endpoint.Pattern} -> {(int)response.StatusCode}");
                }
            }
        }

        answered.Should().BeEmpty("an anonymous caller gets 401 from every endpoint that is not meant for strangers");
    }
}
