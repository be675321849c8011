using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Protocols;

/// <summary>
/// Issue 3 item 1 over the real host: an organisation's layer on top of the shipped protocol is validated with
/// precise errors, versioned and audited (old → new); only an admin may change it.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class OrganisationProtocolTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(shared.Host, output);

    [Fact]
    public async Task The_shipped_protocol_is_served_to_any_staff_member()
    {
        using var nurse = await shared.Ward.SignInAsync(await shared.Ward.HireAsync("nurse"));

        var document = await nurse.GetFromJsonAsync<JsonElement>("/api/protocols/default");

        document.GetProperty("name").GetString().Should().Be("covid-oxygen");
        document.GetProperty("escalation").GetProperty("maxHomeOxygenFlow").GetDouble().Should().Be(3.0);
    }

    [Fact]
    public async Task A_bad_organisation_layer_is_400_naming_the_field_and_nothing_is_saved()
    {
        var organisation = Ward.Unique("ziekenhuis");

        using var response = await shared.Ward.Admin.PutAsJsonAsync($"/api/organisations/{organisation}/protocol",
            new { escalation = new { aggregate = new { red = 4 } } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<ProtocolProblemView>())!;
        problem.Errors.Should().Contain(e => e.Field == "escalation.aggregate.red" && e.Message.Contains("above orange"));
        problem.Detail.Should().Contain("escalation.aggregate.red");
        (await LayerAsync(organisation)).Version.Should().Be(0);
    }

    [Fact]
    public async Task A_field_the_protocol_does_not_have_is_refused_by_name()
    {
        using var response = await shared.Ward.Admin.PutAsJsonAsync($"/api/organisations/{Ward.Unique("huisartsen")}/protocol",
            new { escalation = new { maxHomeFlow = 4 } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ProtocolProblemView>())!.Errors
            .Should().Contain(e => e.Field == "escalation.maxHomeFlow");
    }

    [Fact]
    public async Task A_valid_layer_is_version_1_then_2_and_the_change_log_shows_old_and_new()
    {
        var organisation = Ward.Unique("rijnstad");

        var first = await PutAsync(organisation, new { escalation = new { maxHomeOxygenFlow = 4.0 } });
        var second = await PutAsync(organisation, new { escalation = new { maxHomeOxygenFlow = 5.0 } });

        first.Version.Should().Be(1);
        second.Version.Should().Be(2);
        second.ProtocolId.Should().Be($"covid-oxygen@1+org:{organisation}@2");
        var current = await LayerAsync(organisation);
        current.Version.Should().Be(2);
        MaxHomeFlow(current.Layer!.Value).Should().Be(5.0);
        var changes = (await shared.Ward.Admin.GetFromJsonAsync<List<ProtocolChangeView>>($"/api/protocols/changes?scope=org:{organisation}"))!;
        changes.Select(c => c.Version).Should().Equal(2, 1);
        MaxHomeFlow(changes[0].Old!.Value).Should().Be(4.0);
        MaxHomeFlow(changes[0].New).Should().Be(5.0);
        changes[1].Old.Should().BeNull();
        changes.Should().OnlyContain(c => c.ChangedBy == "admin");
    }

    [Fact]
    public async Task Only_an_admin_changes_a_layer_or_reads_the_change_log()
    {
        using var clinician = await shared.Ward.SignInAsync(await shared.Ward.HireAsync("clinician"));
        var organisation = shared.Ward.Hospital;

        using var put = await clinician.PutAsJsonAsync($"/api/organisations/{organisation}/protocol", new { weaning = new { spo2AtLeast = 95 } });
        using var changes = await clinician.GetAsync("/api/protocols/changes");
        using var read = await clinician.GetAsync($"/api/organisations/{organisation}/protocol");

        put.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        changes.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        read.StatusCode.Should().Be(HttpStatusCode.OK, "a clinician reads their own organisation's protocol");
    }

    [Theory]
    [InlineData("dit is geen json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"escalation\":")]
    public async Task A_layer_that_is_not_a_json_object_is_400_problem_details(string body)
    {
        using var response = await shared.Ward.Admin.PutAsync($"/api/organisations/{Ward.Unique("rijnstad")}/protocol",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<ProtocolProblemView>())!.Detail.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task A_patient_of_the_organisation_is_evaluated_on_its_layer()
    {
        var organisation = Ward.Unique("rijnstad");
        await PutAsync(organisation, new { escalation = new { maxHomeOxygenFlow = 4.0 } });
        var clinician = new StaffMember(Ward.Unique("clinician"), Ward.StaffPassword, "clinician");
        await RegionSetup.OrganisationAsync(shared.Ward.Admin, organisation);
        using (var hired = await shared.Ward.Admin.PostAsJsonAsync("/api/users",
            new { username = clinician.Username, password = clinician.Password, role = "clinician", displayName = "Dr. Rijnstad", organisation }))
        {
            await Ward.ExpectAsync(hired, HttpStatusCode.Created);
        }

        using var enrolment = await shared.Ward.Admin.PostAsJsonAsync("/api/patients", new
        {
            name = Ward.Unique("Patient"), birthDate = "1950-03-01", pathway = "general-practice", responsibleClinician = clinician.Username, oxygenFlow = 1.0,
            consent = new { scope = "telemonitoring" },
        });
        await Ward.ExpectAsync(enrolment, HttpStatusCode.Created);
        var patientId = (await enrolment.Content.ReadFromJsonAsync<EnrolmentView>())!.PatientId;
        var protocol = await shared.Ward.Admin.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}/protocol");

        protocol.GetProperty("protocolId").GetString().Should().Be($"covid-oxygen@1+org:{organisation}@1");
        MaxHomeFlow(protocol.GetProperty("document")).Should().Be(4.0);
    }

    public void Dispose() => _log.Dispose();

    private static double MaxHomeFlow(JsonElement layer) => layer.GetProperty("escalation").GetProperty("maxHomeOxygenFlow").GetDouble();

    private async Task<ProtocolLayerView> PutAsync(string organisation, object layer)
    {
        using var response = await shared.Ward.Admin.PutAsJsonAsync($"/api/organisations/{organisation}/protocol", layer);
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ProtocolLayerView>())!;
    }

    private async Task<ProtocolLayerView> LayerAsync(string organisation) =>
        (await shared.Ward.Admin.GetFromJsonAsync<ProtocolLayerView>($"/api/organisations/{organisation}/protocol"))!;
}
