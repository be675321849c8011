using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Transport;

/// <summary>
/// Issue 9: the API's answers carry patient data, so they are never cached, never sniffed or framed and send no
/// referrer: the same headers on every response (API, problem details, health), the console keeping its own
/// Cache-Control and page policy.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class SecurityHeaderTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(shared.Host, output);

    public static TheoryData<string> ApiAnswers => new()
    {
        "patients, signed in",
        "no token (401)",
        "no such address (404)",
        "unreadable JSON (400)",
        "readiness",
    };

    [Theory]
    [MemberData(nameof(ApiAnswers))]
    public async Task Every_API_answer_is_not_cached_not_sniffed_not_framed_and_sends_no_referrer(string answer)
    {
        using var response = await RequestAsync(answer);

        Header(response, "Cache-Control").Should().Contain("no-store", answer);
        Header(response, "X-Content-Type-Options").Should().Be("nosniff", answer);
        Header(response, "X-Frame-Options").Should().Be("DENY", answer);
        Header(response, "Referrer-Policy").Should().Be("no-referrer", answer);
        Header(response, "Content-Security-Policy").Should().Contain("frame-ancestors 'none'", answer);
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("HSTS is for HTTPS only");
    }

    [Fact]
    public async Task The_console_page_keeps_its_revalidation_and_its_own_policy_with_the_same_protective_headers()
    {
        using var response = await shared.Host.Http.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(response, "Cache-Control").Should().Be("no-cache");
        Header(response, "Content-Security-Policy").Should().Contain("default-src 'self'").And.Contain("frame-ancestors 'none'");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
    }

    public void Dispose() => _log.Dispose();

    private async Task<HttpResponseMessage> RequestAsync(string answer)
    {
        switch (answer)
        {
            case "patients, signed in":
                var patient = await shared.Ward.AdmitAsync();
                var response = await shared.Ward.Admin.GetAsync($"/api/patients/{patient.PatientId}");
                response.StatusCode.Should().Be(HttpStatusCode.OK);
                return response;
            case "no token (401)":
                return await Expect(await shared.Host.Http.GetAsync("/api/alerts"), HttpStatusCode.Unauthorized);
            case "no such address (404)":
                return await Expect(await shared.Host.Http.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound);
            case "unreadable JSON (400)":
                return await Expect(await shared.Host.Http.PostAsync("/api/auth/token", new StringContent("{not json", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
            default:
                return await Expect(await shared.Host.Http.GetAsync("/health/ready"), HttpStatusCode.OK);
        }
    }

    private static async Task<HttpResponseMessage> Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        return response;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
