using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Calls;

/// <summary>GET /api/patients/{id}/timeline and POST /api/patients/{id}/notes.</summary>
[Collection(CallCentreCollection.Name)]
public sealed class PatientTimelineTests(CallCentre centre, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(centre.Host, output);

    [Fact]
    public async Task The_timeline_shows_the_alert_the_call_and_a_note_newest_first()
    {
        var (patient, alertId) = await centre.UrgentAlertAsync();
        var nurse = await centre.Ward.HireAsync("nurse");
        using var client = await centre.Ward.SignInAsync(nurse);
        using var call = await client.PostAsJsonAsync($"/api/alerts/{alertId}/calls", new { outcome = "remeasure", note = "Meet opnieuw" });
        await Ward.ExpectAsync(call, HttpStatusCode.OK);

        using var added = await client.PostAsJsonAsync($"/api/patients/{patient.PatientId}/notes", new { text = "Dochter is aanwezig" });
        var note = await CallCentreHost.ReadAsync<TimelineEntryView>(added, HttpStatusCode.Created);
        var timeline = (await client.GetFromJsonAsync<List<TimelineEntryView>>($"/api/patients/{patient.PatientId}/timeline"))!;

        note.Kind.Should().Be("note");
        note.By.Should().Be(nurse.Username);
        note.Text.Should().Be("Dochter is aanwezig");
        timeline[0].Should().BeEquivalentTo(note);
        timeline.Select(e => e.At).Should().BeInDescendingOrder();
        timeline.Should().Contain(e => e.Kind == "alert-raised" && e.AlertId == alertId);
        timeline.Should().Contain(e => e.Kind == "call" && e.AlertId == alertId && e.By == nurse.Username);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task An_empty_note_is_a_bad_request(string? text)
    {
        var patient = await centre.Ward.AdmitAsync();

        using var response = await centre.Ward.Admin.PostAsJsonAsync($"/api/patients/{patient.PatientId}/notes", new { text });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_note_over_4000_characters_is_a_bad_request_and_another_clinicians_patient_is_not_found()
    {
        var patient = await centre.Ward.AdmitAsync();
        using var other = await centre.Ward.SignInAsync(await centre.Ward.HireAsync("clinician"));

        using var tooLong = await centre.Ward.Admin.PostAsJsonAsync($"/api/patients/{patient.PatientId}/notes", new { text = new string('x', 4001) });
        using var hiddenTimeline = await other.GetAsync($"/api/patients/{patient.PatientId}/timeline");
        using var hiddenNote = await other.PostAsJsonAsync($"/api/patients/{patient.PatientId}/notes", new { text = "mag niet" });

        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        hiddenTimeline.StatusCode.Should().Be(HttpStatusCode.NotFound);
        hiddenNote.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    public void Dispose() => _log.Dispose();
}
