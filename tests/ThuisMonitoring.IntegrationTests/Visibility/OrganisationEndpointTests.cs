using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>CONTRACT section 7: organisations and the clients of a monitoring centre, kept by admins; users belong to an existing one.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class OrganisationEndpointTests(SharedHost shared)
{
    [Fact]
    public async Task An_admin_creates_organisations_and_a_centre_serves_its_clients()
    {
        var admin = shared.Ward.Admin;
        string centre = Ward.Unique("centrale"), practice = Ward.Unique("praktijk");

        using var created = await admin.PostAsJsonAsync("/api/organisations", new { id = centre, name = "Thuismonitoring Oost", kind = "monitoring-centre" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/api/organisations", new { id = practice, name = "De Linde", kind = "general-practice", sharePatientsWithinOrganisation = true }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync($"/api/organisations/{centre}/clients", new { organisation = practice })).StatusCode.Should().Be(HttpStatusCode.Created);

        var read = await admin.GetFromJsonAsync<OrganisationView>($"/api/organisations/{centre}");
        read.Should().BeEquivalentTo(new OrganisationView(centre, "Thuismonitoring Oost", "monitoring-centre", false, [practice]));
        (await admin.GetFromJsonAsync<List<OrganisationView>>($"/api/organisations/{centre}/clients"))!.Should().ContainSingle()
            .Which.SharePatientsWithinOrganisation.Should().BeTrue();
        (await admin.GetFromJsonAsync<List<OrganisationView>>("/api/organisations"))!.Select(o => o.Id).Should().Contain([centre, practice]);
    }

    [Fact]
    public async Task Bad_organisations_and_clients_are_refused_with_problem_details()
    {
        var admin = shared.Ward.Admin;
        var hospital = Ward.Unique("ziekenhuis");
        (await admin.PostAsJsonAsync("/api/organisations", new { id = hospital, name = "Rijnstad", kind = "hospital" })).StatusCode.Should().Be(HttpStatusCode.Created);

        var answers = new[]
        {
            await admin.PostAsJsonAsync("/api/organisations", new { id = hospital, name = "Nog eens", kind = "hospital" }),
            await admin.PostAsJsonAsync("/api/organisations", new { id = Ward.Unique("x"), name = "Kliniek", kind = "kliniek" }),
            await admin.PostAsJsonAsync("/api/organisations", new { id = "a/b", name = "Schuine streep", kind = "hospital" }),
            await admin.PostAsJsonAsync($"/api/organisations/{hospital}/clients", new { organisation = shared.Ward.Hospital }),
            await admin.PostAsJsonAsync($"/api/organisations/{shared.Ward.Centre}/clients", new { organisation = Ward.Unique("bestaat-niet") }),
            await admin.PostAsJsonAsync("/api/users", new { username = Ward.Unique("nurse"), password = Ward.StaffPassword, role = "nurse", displayName = "Zonder", organisation = Ward.Unique("bestaat-niet") }),
        };

        answers.Select(a => a.StatusCode).Should().Equal(
            HttpStatusCode.Conflict, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest);
        answers.Should().OnlyContain(a => a.Content.Headers.ContentType!.MediaType == "application/problem+json");
    }

    [Fact]
    public async Task Only_an_admin_creates_organisations_or_links_clients()
    {
        using var nurse = await shared.Ward.SignInAsync(await shared.Ward.HireAsync("nurse"));

        (await nurse.PostAsJsonAsync("/api/organisations", new { id = Ward.Unique("eigen"), name = "Eigen", kind = "hospital" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nurse.PostAsJsonAsync($"/api/organisations/{shared.Ward.Centre}/clients", new { organisation = shared.Ward.Hospital })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nurse.GetFromJsonAsync<OrganisationView>($"/api/organisations/{shared.Ward.Centre}"))!.Clients.Should().Contain(shared.Ward.Hospital, "a nurse reads her own centre");
    }
}
