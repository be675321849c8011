using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Audit;

/// <summary>Changes of a patient's data over real HTTP are recorded with the actor who made them (enrolment and device binding recorded none before).</summary>
[Collection(AuditSiteCollection.Name)]
public sealed class AuditedChangeTests(AuditSite site)
{
    [Fact]
    public async Task Enrolment_and_device_binding_are_recorded_with_the_nurse_who_made_them()
    {
        var (clinician, _) = await site.HireAsync("clinician", AuditSite.PracticeOrganisation);
        var (nurse, client) = await site.HireAsync("nurse", AuditSite.CentreOrganisation);

        using var enrolment = await client.PostAsJsonAsync("/api/patients", new
        {
            name = Ward.Unique("Patient"),
            birthDate = "1948-06-12",
            pathway = "general-practice",
            responsibleClinician = clinician.Username,
            oxygenFlow = 1.0,
            consent = new { scope = "telemonitoring" },
        });
        await Ward.ExpectAsync(enrolment, HttpStatusCode.Created);
        var patientId = (await enrolment.Content.ReadFromJsonAsync<Created>())!.PatientId;
        using var binding = await client.PostAsJsonAsync($"/api/patients/{patientId}/devices", new { deviceId = Ward.Unique("oximeter"), kind = "oximeter" });
        await Ward.ExpectAsync(binding, HttpStatusCode.Created);

        var records = await site.RecordsOfAsync(nurse.Username);
        records.Select(r => (r.Resource, r.Action, r.PatientId)).Should().Equal(
            ("device", "create", patientId),
            ("patient", "create", patientId));
        records.Should().AllSatisfy(r => r.Should().BeEquivalentTo(
            new { Actor = nurse.Username, Role = "nurse", Organisation = AuditSite.CentreOrganisation, Channel = "api", Purpose = "care" }));
    }

    /// <summary>A change by a nurse or the responsible clinician, and the resource and action it is recorded as.</summary>
    public static TheoryData<string, string, string, string, string> Changes => new()
    {
        { "nurse", "POST", "/api/patients/{patient}/notes", """{"text":"Patiënt voelt zich beter"}""", "note/create" },
        { "nurse", "POST", "/api/alerts/{alert}/calls", """{"outcome":"remeasure","note":"Over 15 minuten opnieuw"}""", "call/create" },
        { "nurse", "POST", "/api/alerts/{alert}/claim", "{}", "alert/update" },
        { "nurse", "POST", "/api/alerts/{alert}/resolve", """{"outcome":"thuis opgelost"}""", "alert/update" },
        { "clinician", "POST", "/api/alerts/{alert}/escalation/accept", """{"note":"Ik bel zelf"}""", "escalation/update" },
        { "clinician", "POST", "/api/patients/{patient}/oxygen", """{"flow":3}""", "oxygen-prescription/update" },
        { "clinician", "POST", "/api/patients/{patient}/state", """{"state":"weaning","reason":"Stabiel"}""", "episode/update" },
        { "clinician", "PUT", "/api/patients/{patient}/protocol", """{"weaning":{"spo2AtLeast":95}}""", "protocol/update" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_of_patient_data_is_recorded_once_with_its_actor(string actor, string method, string path, string body, string recorded)
    {
        var patient = await site.AdmitWithEscalatedAlertAsync();
        var (member, client, organisation) = actor == "nurse"
            ? await NurseAsync()
            : (patient.Clinician, patient.ClinicianClient, AuditSite.PracticeOrganisation);

        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{patient}", patient.PatientId).Replace("{alert}", patient.AlertId))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());

        var record = (await site.RecordsOfAsync(member.Username)).Should().ContainSingle().Subject;
        $"{record.Resource}/{record.Action}".Should().Be(recorded);
        record.Should().BeEquivalentTo(new
        {
            Actor = member.Username, Role = actor, Organisation = organisation, patient.PatientId, Channel = "api", Purpose = "care",
        });
    }

    private async Task<(StaffMember, HttpClient, string)> NurseAsync()
    {
        var (nurse, client) = await site.HireAsync("nurse", AuditSite.CentreOrganisation);
        return (nurse, client, AuditSite.CentreOrganisation);
    }

    private sealed record Created(string PatientId);
}
