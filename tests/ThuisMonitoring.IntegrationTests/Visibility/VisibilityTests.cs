using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>
/// Issue 11 item 1 over the real host: what used to leak (any nurse read any organisation's patient, any staff member
/// listed every organisation's staff and read any organisation's protocol) is 404 or left out now, and enrolment and
/// device binding follow the same rule.
/// </summary>
[Collection(RegionSiteCollection.Name)]
public sealed class VisibilityTests(RegionSite site)
{
    [Fact]
    public async Task A_nurse_reads_the_patients_of_the_organisations_her_centre_serves_and_no_others()
    {
        var region = await site.RegionAsync();
        using var serving = await site.Ward.SignInAsync(region.ServingNurse);
        using var other = await site.Ward.SignInAsync(region.OtherCentreNurse);
        var patient = region.HospitalPatient.PatientId;

        (await serving.GetAsync($"/api/patients/{patient}")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var hidden = await other.GetAsync($"/api/patients/{patient}");
        hidden.StatusCode.Should().Be(HttpStatusCode.NotFound);
        hidden.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        (await other.GetFromJsonAsync<List<PatientView>>("/api/patients"))!.Should().NotContain(p => p.PatientId == patient);
        (await other.GetFromJsonAsync<List<AlertView>>("/api/alerts"))!.Should().NotContain(a => a.PatientId == patient);
        (await other.PostAsJsonAsync($"/api/patients/{patient}/devices", new { deviceId = Ward.Unique("meter"), kind = "oximeter" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "devices are bound only by those who may see the patient");
    }

    [Fact]
    public async Task The_patient_list_gives_each_user_only_the_patients_they_may_see_whoever_listed_before_them()
    {
        var region = await site.RegionAsync();
        using var serving = await site.Ward.SignInAsync(region.ServingNurse);
        using var other = await site.Ward.SignInAsync(region.OtherCentreNurse);
        var patient = region.HospitalPatient.PatientId;

        // The serving nurse's list leaves the patient's row serialised in the host (PatientRowCache); who sees it is
        // still decided per request.
        var servingSees = (await serving.GetFromJsonAsync<List<PatientView>>("/api/patients?state=all"))!;
        var otherSees = (await other.GetFromJsonAsync<List<PatientView>>("/api/patients?state=all"))!;
        var servingAgain = (await serving.GetFromJsonAsync<List<PatientView>>("/api/patients?state=all"))!;

        servingSees.Should().Contain(p => p.PatientId == patient);
        otherSees.Should().NotContain(p => p.PatientId == patient);
        servingAgain.Select(p => p.PatientId).Should().Equal(servingSees.Select(p => p.PatientId));
    }

    [Fact]
    public async Task Staff_lists_show_a_nurse_her_centre_and_the_clinicians_she_may_pick_and_no_other_organisation()
    {
        var region = await site.RegionAsync();
        using var serving = await site.Ward.SignInAsync(region.ServingNurse);
        using var other = await site.Ward.SignInAsync(region.OtherCentreNurse);

        var servingSees = (await serving.GetFromJsonAsync<List<StaffView>>("/api/users"))!.Select(s => s.Username).ToList();
        var otherSees = (await other.GetFromJsonAsync<List<StaffView>>("/api/users"))!.Select(s => s.Username).ToList();

        servingSees.Should().Contain([region.ServingNurse.Username, region.ResponsibleClinician.Username, region.GeneralPractitioner.Username]);
        servingSees.Should().NotContain([region.OtherCentreNurse.Username, region.OtherOrganisationClinician.Username, region.PrivacyOfficer.Username]);
        otherSees.Should().Contain([region.OtherCentreNurse.Username, region.OtherOrganisationClinician.Username]);
        otherSees.Should().NotContain([region.ServingNurse.Username, region.ResponsibleClinician.Username, region.GeneralPractitioner.Username]);
    }

    [Fact]
    public async Task An_organisation_protocol_is_read_by_its_own_staff_and_its_centre_and_is_404_for_anyone_else()
    {
        var region = await site.RegionAsync();
        using var own = await site.Ward.SignInAsync(region.NonSharingColleague);
        using var centre = await site.Ward.SignInAsync(region.ServingNurse);
        using var outsider = await site.Ward.SignInAsync(region.OtherOrganisationClinician);
        var path = $"/api/organisations/{region.Hospital}/protocol";

        (await own.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await centre.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await outsider.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Clinicians_enrol_for_themselves_or_where_the_organisation_shares_for_a_colleague()
    {
        var region = await site.RegionAsync();

        (await EnrolAsync(region.ResponsibleClinician, region.ResponsibleClinician)).Should().Be(HttpStatusCode.Created, "for themselves");
        (await EnrolAsync(region.SharingColleague, region.GeneralPractitioner)).Should().Be(HttpStatusCode.Created, "the practice shares");
        (await EnrolAsync(region.NonSharingColleague, region.ResponsibleClinician)).Should().Be(HttpStatusCode.BadRequest, "the hospital does not share");
        (await EnrolAsync(region.OtherOrganisationClinician, region.ResponsibleClinician)).Should().Be(HttpStatusCode.BadRequest);
        (await EnrolAsync(region.ServingNurse, region.ResponsibleClinician)).Should().Be(HttpStatusCode.Created, "the centre serves the hospital");
        (await EnrolAsync(region.OtherCentreNurse, region.ResponsibleClinician)).Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Ending_a_centres_service_hides_the_clients_patients_from_its_nurses_at_once()
    {
        var admin = site.Ward.Admin;
        string centre = Ward.Unique("centrale"), hospital = Ward.Unique("ziekenhuis");
        await RegionSetup.ServesAsync(admin, centre, hospital);
        var nurse = await site.HireAsync("nurse", centre);
        var patient = await site.AdmitAsync(await site.HireAsync("clinician", hospital), raiseAlert: false);
        using var client = await site.Ward.SignInAsync(nurse);
        (await client.GetAsync($"/api/patients/{patient.PatientId}")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await admin.DeleteAsync($"/api/organisations/{centre}/clients/{hospital}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.GetAsync($"/api/patients/{patient.PatientId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetFromJsonAsync<OrganisationView>($"/api/organisations/{centre}"))!.Clients.Should().BeEmpty();
    }

    private async Task<HttpStatusCode> EnrolAsync(StaffMember by, StaffMember responsible)
    {
        using var client = await site.Ward.SignInAsync(by);
        using var response = await client.PostAsJsonAsync("/api/patients", new
        {
            name = Ward.Unique("Patient"),
            birthDate = "1950-03-01",
            pathway = "general-practice",
            responsibleClinician = responsible.Username,
            oxygenFlow = 1.0,
            consent = new { scope = "telemonitoring" },
        });
        return response.StatusCode;
    }
}

public sealed record StaffView(string Username, string? DisplayName, string Role, string? Organisation, bool Disabled);

public sealed record OrganisationView(string Id, string Name, string Kind, bool SharePatientsWithinOrganisation, IReadOnlyList<string> Clients);
