using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Api;

/// <summary>CONTRACT §3: errors are RFC 9457 problem details with a clear detail; 400 for bad input, never 500.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class ProblemDetailsTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private const string ValidEnrolment = """{"consent":{"scope":"telemonitoring"},"name":"Mevr. de Vries","birthDate":"1950-03-01","pathway":"early-discharge","responsibleClinician":"{clinician}","oxygenFlow":2.0}""";

    private readonly HostLog _log = new(shared.Host, output);

    [Theory]
    [InlineData("truncated JSON", """{"consent":{"scope":"telemonitoring"},"name":"Mevr. de Vries","birthDate":""", "")]
    [InlineData("not JSON", "dit is geen json", "")]
    [InlineData("a JSON array", "[1,2,3]", "")]
    [InlineData("wrong type for oxygenFlow", """{"consent":{"scope":"telemonitoring"},"name":"Mevr. de Vries","birthDate":"1950-03-01","pathway":"early-discharge","responsibleClinician":"{clinician}","oxygenFlow":"twee"}""", "oxygenFlow")]
    [InlineData("empty object", "{}", "name")]
    [InlineData("missing birthDate", """{"consent":{"scope":"telemonitoring"},"name":"Mevr. de Vries","pathway":"early-discharge","responsibleClinician":"{clinician}","oxygenFlow":2.0}""", "birthDate")]
    [InlineData("birthDate in the future", """{"consent":{"scope":"telemonitoring"},"name":"Mevr. de Vries","birthDate":"2999-01-01","pathway":"early-discharge","responsibleClinician":"{clinician}","oxygenFlow":2.0}""", "birthDate")]
    [InlineData("unknown pathway", """{"consent":{"scope":"telemonitoring"},"name":"Mevr. de Vries","birthDate":"1950-03-01","pathway":"ziekenhuis","responsibleClinician":"{clinician}","oxygenFlow":2.0}""", "pathway")]
    [InlineData("missing pathway", """{"consent":{"scope":"telemonitoring"},"name":"Mevr. de Vries","birthDate":"1950-03-01","responsibleClinician":"{clinician}","oxygenFlow":2.0}""", "pathway")]
    [InlineData("oxygenFlow above 15", """{"consent":{"scope":"telemonitoring"},"name":"Mevr. de Vries","birthDate":"1950-03-01","pathway":"early-discharge","responsibleClinician":"{clinician}","oxygenFlow":40}""", "oxygenFlow")]
    [InlineData("no consent", """{"name":"Mevr. de Vries","birthDate":"1950-03-01","pathway":"early-discharge","responsibleClinician":"{clinician}","oxygenFlow":2.0}""", "consent")]
    [InlineData("unknown clinician", """{"consent":{"scope":"telemonitoring"},"name":"Mevr. de Vries","birthDate":"1950-03-01","pathway":"early-discharge","responsibleClinician":"dr-niemand","oxygenFlow":2.0}""", "responsibleClinician")]
    [InlineData("a nurse as clinician", """{"consent":{"scope":"telemonitoring"},"name":"Mevr. de Vries","birthDate":"1950-03-01","pathway":"early-discharge","responsibleClinician":"{nurse}","oxygenFlow":2.0}""", "responsibleClinician")]
    public async Task A_bad_enrolment_is_400_problem_details_with_a_detail(string flaw, string body, string mentioned)
    {
        var clinician = await shared.Ward.HireAsync("clinician");
        var nurse = await shared.Ward.HireAsync("nurse");
        var json = body.Replace("{clinician}", clinician.Username, StringComparison.Ordinal).Replace("{nurse}", nurse.Username, StringComparison.Ordinal);

        using var response = await shared.Ward.Admin.PostAsync("/api/patients", new StringContent(json, Encoding.UTF8, "application/json"));

        await ExpectProblemAsync(response, HttpStatusCode.BadRequest, mentioned, flaw);
    }

    [Fact]
    public async Task A_well_formed_enrolment_is_accepted_so_the_bad_ones_fail_for_their_flaw()
    {
        var clinician = await shared.Ward.HireAsync("clinician");
        var json = ValidEnrolment.Replace("{clinician}", clinician.Username, StringComparison.Ordinal);

        using var response = await shared.Ward.Admin.PostAsync("/api/patients", new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("enrolment", -0.5)]
    [InlineData("enrolment", 15.5)]
    [InlineData("eligibility", 16)]
    [InlineData("oxygen prescription", -1)]
    [InlineData("oxygen prescription", 40)]
    public async Task An_oxygen_flow_outside_0_to_15_L_min_is_refused_with_the_same_range_on_every_endpoint(string endpoint, double flow)
    {
        var patient = await shared.Ward.AdmitAsync(oxygenFlow: 2.0);
        using var clinician = await shared.Ward.SignInAsync(patient.Clinician);
        var clinicianName = patient.Clinician.Username;
        using var response = endpoint switch
        {
            "enrolment" => await shared.Ward.Admin.PostAsJsonAsync("/api/patients", new
            {
                consent = new { scope = "telemonitoring" }, name = "Mevr. de Vries", birthDate = "1950-03-01", pathway = "early-discharge",
                responsibleClinician = clinicianName, oxygenFlow = flow,
            }),
            "eligibility" => await clinician.PostAsJsonAsync("/api/eligibility", new { pathway = "early-discharge", oxygenFlow = flow }),
            _ => await clinician.PostAsJsonAsync($"/api/patients/{patient.PatientId}/oxygen", new { flow }),
        };

        var field = endpoint == "oxygen prescription" ? "flow" : "oxygenFlow";
        await ExpectProblemAsync(response, HttpStatusCode.BadRequest, $"{field} is required, in L/min from 0 to 15.", $"{endpoint} with {flow} L/min");
    }

    [Theory]
    [InlineData("no deviceId", """{"kind":"oximeter"}""", "deviceId")]
    [InlineData("deviceId with a slash", """{"deviceId":"a/b","kind":"oximeter"}""", "deviceId")]
    [InlineData("deviceId with an MQTT wildcard", """{"deviceId":"ox+1","kind":"oximeter"}""", "deviceId")]
    [InlineData("unknown kind", """{"deviceId":"ox-1","kind":"thermometer"}""", "kind")]
    public async Task A_bad_device_binding_is_400_problem_details(string flaw, string body, string mentioned)
    {
        var patient = await shared.Ward.AdmitAsync();

        using var response = await shared.Ward.Admin.PostAsync($"/api/patients/{patient.PatientId}/devices", new StringContent(body, Encoding.UTF8, "application/json"));

        await ExpectProblemAsync(response, HttpStatusCode.BadRequest, mentioned, flaw);
    }

    [Fact]
    public async Task Binding_a_device_id_that_is_already_bound_is_409()
    {
        var patient = await shared.Ward.AdmitAsync();

        using var response = await shared.Ward.Admin.PostAsJsonAsync($"/api/patients/{patient.PatientId}/devices", new { deviceId = patient.Device.DeviceId, kind = "oximeter" });

        await ExpectProblemAsync(response, HttpStatusCode.Conflict, patient.Device.DeviceId, "device already bound");
    }

    [Theory]
    [InlineData("GET", "/api/patients")]
    [InlineData("POST", "/api/patients")]
    [InlineData("GET", "/api/alerts?status=open")]
    [InlineData("POST", "/api/users")]
    public async Task Without_a_token_the_API_answers_401(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await shared.Host.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_forged_token_is_401()
    {
        using var client = new HttpClient { BaseAddress = shared.Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl");

        using var response = await client.GetAsync("/api/patients");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_credentials_are_401_problem_details()
    {
        using var response = await shared.Host.Http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = "fout-wachtwoord" });

        await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, string.Empty, "wrong password");
    }

    [Fact]
    public async Task A_nurse_creating_a_user_is_403()
    {
        var nurse = await shared.Ward.HireAsync("nurse");
        using var client = await shared.Ward.SignInAsync(nurse);

        using var response = await client.PostAsJsonAsync("/api/users", new { username = Ward.Unique("stiekem"), password = "lang-genoeg-1", role = "admin", displayName = "Stiekeme beheerder" });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_clinician_cannot_see_another_clinicians_patient()
    {
        var mine = await shared.Ward.AdmitAsync();
        var theirs = await shared.Ward.AdmitAsync();
        using var client = await shared.Ward.SignInAsync(mine.Clinician);

        using var own = await client.GetAsync($"/api/patients/{mine.PatientId}");
        using var other = await client.GetAsync($"/api/patients/{theirs.PatientId}");

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        other.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/api/patients/does-not-exist")]
    [InlineData("/api/alerts?status=everything")]
    public async Task Unknown_resources_and_filters_are_problems_not_500(string path)
    {
        using var response = await shared.Ward.Admin.GetAsync(path);

        ((int)response.StatusCode).Should().BeInRange(400, 499);
        await ExpectProblemAsync(response, response.StatusCode, string.Empty, path);
    }

    [Fact]
    public async Task A_body_that_is_not_declared_JSON_is_a_problem_with_a_detail()
    {
        using var response = await shared.Ward.Admin.PostAsync("/api/patients", new StringContent("name=x", Encoding.UTF8, "text/plain"));

        ((int)response.StatusCode).Should().BeOneOf(400, 415);
        await ExpectProblemAsync(response, response.StatusCode, string.Empty, "text/plain body");
    }

    [Fact]
    public async Task An_acknowledge_of_an_unknown_alert_is_404_problem_details()
    {
        using var response = await shared.Ward.Admin.PostAsync("/api/alerts/bestaat-niet/acknowledge", content: null);

        await ExpectProblemAsync(response, HttpStatusCode.NotFound, "bestaat-niet", "unknown alert");
    }

    public void Dispose() => _log.Dispose();

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string mentioned, string because)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, $"{because}: {body}");
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", because);
        var problem = System.Text.Json.JsonSerializer.Deserialize<ProblemView>(body, System.Text.Json.JsonSerializerOptions.Web)!;
        problem.Status.Should().Be((int)status, because);
        problem.Title.Should().NotBeNullOrWhiteSpace(because);
        problem.Detail.Should().NotBeNullOrWhiteSpace(because);
        if (mentioned.Length > 0)
        {
            problem.Detail.Should().Contain(mentioned, because);
        }
    }
}
