using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Audit;

/// <summary>
/// <c>GET /api/audit</c> for admins and privacy officers (who read no patient data), its filters and paging, the
/// chain check, and the patient's own <c>GET /api/me/access-log</c>; reading the trail is itself recorded.
/// </summary>
[Collection(AuditSiteCollection.Name)]
public sealed class AuditEndpointTests(AuditSite site)
{
    [Theory]
    [InlineData("nurse", HttpStatusCode.Forbidden)]
    [InlineData("clinician", HttpStatusCode.Forbidden)]
    [InlineData("privacy-officer", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task The_audit_is_read_by_admins_and_privacy_officers_only(string role, HttpStatusCode expected)
    {
        var (_, client) = await site.HireAsync(role, AuditSite.CentreOrganisation);

        using var response = await client.GetAsync("/api/audit");

        response.StatusCode.Should().Be(expected);
    }

    [Theory]
    [InlineData("/api/patients")]
    [InlineData("/api/patients/{patient}")]
    [InlineData("/api/patients/{patient}/timeline")]
    [InlineData("/api/alerts")]
    [InlineData("/api/escalations")]
    [InlineData("/api/audit/verify")]
    public async Task A_privacy_officer_reads_no_patient_data(string path)
    {
        var patient = await site.AdmitWithEscalatedAlertAsync();
        var (_, officer) = await site.HireAsync("privacy-officer", AuditSite.CentreOrganisation);

        using var response = await officer.GetAsync(path.Replace("{patient}", patient.PatientId));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Records_are_filtered_by_patient_user_and_period_newest_first_and_paged()
    {
        var first = await site.AdmitWithEscalatedAlertAsync();
        var second = await site.AdmitWithEscalatedAlertAsync();
        var (nurse, client) = await site.HireAsync("nurse", AuditSite.CentreOrganisation);
        var (_, officer) = await site.HireAsync("privacy-officer", AuditSite.CentreOrganisation);
        foreach (var patientId in new[] { first.PatientId, second.PatientId, first.PatientId, first.PatientId, second.PatientId })
        {
            using var read = await client.GetAsync($"/api/patients/{patientId}");
            await Ward.ExpectAsync(read, HttpStatusCode.OK);
        }

        var all = await PageAsync(officer, $"user={nurse.Username}");
        all.Records.Select(r => r.PatientId).Should().Equal(second.PatientId, first.PatientId, first.PatientId, second.PatientId, first.PatientId);
        all.Records.Select(r => r.Id).Should().BeInDescendingOrder();
        all.Records.Select(r => r.At).Should().BeInDescendingOrder();

        (await PageAsync(officer, $"user={nurse.Username}&patient={first.PatientId}")).Records.Should().HaveCount(3)
            .And.OnlyContain(r => r.PatientId == first.PatientId && r.Actor == nurse.Username);
        // Everything about the patient, the admin's own reads included: the admin's view (an officer sees their organisation's, AuditVisibilityTests).
        (await PageAsync(site.Ward.Admin, $"patient={second.PatientId}")).Records.Should().Contain(r => r.Actor == "admin")
            .And.OnlyContain(r => r.PatientId == second.PatientId);

        var page1 = await PageAsync(officer, $"user={nurse.Username}&pageSize=2&page=1");
        var page2 = await PageAsync(officer, $"user={nurse.Username}&pageSize=2&page=2");
        var page3 = await PageAsync(officer, $"user={nurse.Username}&pageSize=2&page=3");
        page1.HasMore.Should().BeTrue();
        page2.HasMore.Should().BeTrue();
        page3.HasMore.Should().BeFalse();
        page1.Records.Concat(page2.Records).Concat(page3.Records).Select(r => r.Id).Should().Equal(all.Records.Select(r => r.Id));

        var from = all.Records[3].At.ToString("O", CultureInfo.InvariantCulture);
        var to = all.Records[1].At.ToString("O", CultureInfo.InvariantCulture);
        var period = await PageAsync(officer, $"user={nurse.Username}&from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}");
        period.Records.Select(r => r.Id).Should().BeSubsetOf(all.Records.Select(r => r.Id))
            .And.Contain(new[] { all.Records[1].Id, all.Records[2].Id, all.Records[3].Id });
        period.Records.Should().OnlyContain(r => r.At >= all.Records[3].At && r.At <= all.Records[1].At);
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("page=0")]
    [InlineData("pageSize=501")]
    public async Task A_bad_filter_is_a_400_problem(string query)
    {
        using var response = await site.Ward.Admin.GetAsync($"/api/audit?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Reading_the_audit_is_itself_recorded()
    {
        var patient = await site.AdmitWithEscalatedAlertAsync();
        var (officer, client) = await site.HireAsync("privacy-officer", "Functionaris Gegevensbescherming");

        using var overall = await client.GetAsync("/api/audit");
        using var ofPatient = await client.GetAsync($"/api/audit?patient={patient.PatientId}");
        await Ward.ExpectAsync(overall, HttpStatusCode.OK);
        await Ward.ExpectAsync(ofPatient, HttpStatusCode.OK);

        var records = await site.RecordsOfAsync(officer.Username);
        records.Select(r => r.PatientId).Should().Equal(patient.PatientId, null);
        records.Should().AllSatisfy(r => r.Should().BeEquivalentTo(new
        {
            Actor = officer.Username, Role = "privacy-officer", Organisation = "Functionaris Gegevensbescherming",
            Resource = "audit", Action = "read", Channel = "api", Purpose = "privacy-review",
        }));
    }

    [Fact]
    public async Task The_admin_checks_the_chain_over_http()
    {
        await site.AdmitWithEscalatedAlertAsync();

        var verification = await site.Ward.Admin.GetFromJsonAsync<VerificationView>("/api/audit/verify");

        verification!.Intact.Should().BeTrue(verification.Reason);
        verification.Records.Should().BeGreaterThan(0);
        verification.FirstBrokenId.Should().BeNull();
    }

    [Fact]
    public async Task A_patient_reads_who_accessed_their_data_and_nothing_of_anyone_else()
    {
        var patient = await site.AdmitWithEscalatedAlertAsync();
        var other = await site.AdmitWithEscalatedAlertAsync();
        var (nurse, client) = await site.HireAsync("nurse", AuditSite.CentreOrganisation);
        using (var read = await client.GetAsync($"/api/patients/{patient.PatientId}/timeline"))
        {
            await Ward.ExpectAsync(read, HttpStatusCode.OK);
        }

        using (var readOther = await client.GetAsync($"/api/patients/{other.PatientId}"))
        {
            await Ward.ExpectAsync(readOther, HttpStatusCode.OK);
        }

        using var own = site.PatientClient(patient.PatientId, patient.Device.DeviceId);
        using var response = await own.GetAsync("/api/me/access-log?pageSize=500");
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
        var log = (await response.Content.ReadFromJsonAsync<AccessLogPageView>())!;

        log.Entries.Should().ContainSingle(e => e.Actor == nurse.Username).Which.Should().BeEquivalentTo(new
        {
            Role = "nurse", Organisation = AuditSite.CentreOrganisation, Resource = "timeline", Action = "read", Channel = "api", Purpose = "care",
        });
        log.Entries.Should().Contain(e => e.Actor == "admin" && e.Resource == "patient" && e.Action == "create");
        log.Entries.Select(e => e.At).Should().BeInDescendingOrder();
        var ownRead = (await site.RecordsOfAsync(patient.Device.DeviceId)).Should().ContainSingle().Subject;
        ownRead.Should().BeEquivalentTo(new { patient.PatientId, Role = "patient", Resource = "access-log", Purpose = "patient-access" });
    }

    [Theory]
    [InlineData("/api/audit")]
    [InlineData("/api/patients")]
    [InlineData("/api/alerts")]
    public async Task A_patient_token_reads_no_audit_and_no_staff_data(string path)
    {
        var patient = await site.AdmitWithEscalatedAlertAsync();
        using var own = site.PatientClient(patient.PatientId, patient.Device.DeviceId);

        using var response = await own.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("nurse")]
    [InlineData("admin")]
    [InlineData("privacy-officer")]
    public async Task The_access_log_is_for_patient_tokens_only(string role)
    {
        var (_, client) = await site.HireAsync(role, AuditSite.CentreOrganisation);

        using var response = await client.GetAsync("/api/me/access-log");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static async Task<AuditPageView> PageAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/audit?{query}");
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<AuditPageView>())!;
    }

    private sealed record VerificationView(bool Intact, long Records, long? FirstBrokenId, string? Reason, string LastHash);
}
