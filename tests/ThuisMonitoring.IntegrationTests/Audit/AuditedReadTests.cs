using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Audit;

/// <summary>
/// NEN 7513 over real HTTP: every endpoint of the authorization matrix that reads a patient's data leaves exactly one
/// audit record per patient in its answer, with the reader's username, role and organisation, channel api.
/// </summary>
[Collection(AuditSiteCollection.Name)]
public sealed class AuditedReadTests(AuditSite site)
{
    /// <summary>Who reads (a nurse of the centre, or the patient's own clinician), what, and the resource recorded.</summary>
    public static TheoryData<string, string, string> Reads => new()
    {
        { "nurse", "/api/patients", "patient" },
        { "nurse", "/api/patients/{patient}", "patient" },
        { "nurse", "/api/patients/{patient}/vitals?sign=spo2", "vitals" },
        { "nurse", "/api/patients/{patient}/timeline", "timeline" },
        { "nurse", "/api/patients/{patient}/protocol", "protocol" },
        { "nurse", "/api/alerts", "alert" },
        { "nurse", "/api/alerts?status=acknowledged", "alert" },
        { "nurse", "/api/alerts/{alert}/script", "call-script" },
        { "nurse", "/api/escalations", "escalation" },
        { "clinician", "/api/patients", "patient" },
        { "clinician", "/api/patients/{patient}", "patient" },
        { "clinician", "/api/patients/{patient}/vitals?sign=heart-rate", "vitals" },
        { "clinician", "/api/patients/{patient}/timeline", "timeline" },
        { "clinician", "/api/alerts", "alert" },
        { "clinician", "/api/escalations?status=pending", "escalation" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_read_of_patient_data_leaves_exactly_one_record_per_patient_in_the_answer(string reader, string path, string resource)
    {
        var patient = await site.AdmitWithEscalatedAlertAsync();
        var (member, client, organisation) = reader == "nurse"
            ? await NurseAsync()
            : (patient.Clinician, patient.ClinicianClient, AuditSite.PracticeOrganisation);

        using var response = await client.GetAsync(path.Replace("{patient}", patient.PatientId).Replace("{alert}", patient.AlertId));
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        HashSet<string> answered = path.Contains('{', StringComparison.Ordinal) ? [patient.PatientId] : PatientsIn(answer);

        answered.Should().Contain(patient.PatientId, "the reader sees this patient");
        var records = (await site.RecordsOfAsync(member.Username)).Where(r => r.Resource == resource).ToList();
        records.Select(r => r.PatientId).Should().BeEquivalentTo(answered, "one record per patient in the answer, no more");
        records.Should().AllSatisfy(r =>
        {
            r.Actor.Should().Be(member.Username);
            r.Role.Should().Be(reader);
            r.Organisation.Should().Be(organisation);
            r.Action.Should().Be("read");
            r.Channel.Should().Be("api");
            r.Purpose.Should().Be("care");
        });
        (await site.RecordsOfAsync(member.Username)).Should().HaveCount(records.Count, "the read leaves no other record");
    }

    [Fact]
    public async Task Reading_the_protocol_change_log_leaves_one_record_per_patient_whose_layer_is_in_it()
    {
        var patient = await site.AdmitWithEscalatedAlertAsync();
        using var put = await patient.ClinicianClient.PutAsJsonAsync($"/api/patients/{patient.PatientId}/protocol", new { weaning = new { spo2AtLeast = 95 } });
        await Ward.ExpectAsync(put, HttpStatusCode.OK);
        var (admin, client) = await site.HireAsync("admin", AuditSite.CentreOrganisation);

        using var response = await client.GetAsync("/api/protocols/changes?limit=1000");
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
        var answered = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Select(change => change.GetProperty("scope").GetString()!)
            .Where(scope => scope.StartsWith("patient:", StringComparison.Ordinal))
            .Select(scope => scope["patient:".Length..])
            .ToHashSet(StringComparer.Ordinal);

        answered.Should().Contain(patient.PatientId);
        var records = await site.RecordsOfAsync(admin.Username);
        records.Select(r => r.PatientId).Should().BeEquivalentTo(answered);
        records.Should().OnlyContain(r => r.Resource == "protocol" && r.Action == "read" && r.Role == "admin");
    }

    [Theory]
    [InlineData("/api/patients/{patient}")]
    [InlineData("/api/patients/{patient}/vitals?sign=spo2")]
    [InlineData("/api/patients/{patient}/timeline")]
    [InlineData("/api/alerts/{alert}/script")]
    public async Task A_refused_read_reveals_nothing_and_leaves_no_record(string path)
    {
        var patient = await site.AdmitWithEscalatedAlertAsync();
        var (other, client) = await site.HireAsync("clinician", AuditSite.PracticeOrganisation);

        using var response = await client.GetAsync(path.Replace("{patient}", patient.PatientId).Replace("{alert}", patient.AlertId));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await site.RecordsOfAsync(other.Username)).Should().BeEmpty();
    }

    private async Task<(Support.StaffMember, HttpClient, string)> NurseAsync()
    {
        var (nurse, client) = await site.HireAsync("nurse", AuditSite.CentreOrganisation);
        return (nurse, client, AuditSite.CentreOrganisation);
    }

    /// <summary>The distinct patients of a list answer (patients or alerts).</summary>
    private static HashSet<string> PatientsIn(JsonElement answer) =>
        answer.EnumerateArray().Select(item => item.GetProperty("patientId").GetString()!).ToHashSet(StringComparer.Ordinal);
}
