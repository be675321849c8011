using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Calls;

/// <summary>
/// GET /api/patients/{id}/timeline of a long episode: every entry, also beyond the 2,000 the snapshot once kept, newest
/// first, page by page through the <c>Link</c> header.
/// </summary>
[Collection(CallCentreCollection.Name)]
public sealed class LongTimelineTests(CallCentre centre, ITestOutputHelper output) : IDisposable
{
    private const int Notes = 2_100;

    private readonly HostLog _log = new(centre.Host, output);

    [Fact]
    public async Task Every_note_of_a_long_episode_is_read_back_in_order_page_by_page()
    {
        var patient = await centre.Ward.AdmitAsync();
        var written = new List<string>();
        for (var i = 0; i < Notes; i++)
        {
            using var added = await centre.Ward.Admin.PostAsJsonAsync($"/api/patients/{patient.PatientId}/notes", new { text = $"notitie {i}" });
            written.Add((await CallCentreHost.ReadAsync<TimelineEntryView>(added, HttpStatusCode.Created)).EntryId);
        }

        var read = new List<TimelineEntryView>();
        var next = $"/api/patients/{patient.PatientId}/timeline?limit=500";
        var pages = 0;
        while (next is not null)
        {
            using var response = await centre.Ward.Admin.GetAsync(next);
            var page = await CallCentreHost.ReadAsync<List<TimelineEntryView>>(response, HttpStatusCode.OK);
            page.Should().HaveCountLessThanOrEqualTo(500);
            read.AddRange(page);
            pages++;
            next = response.Headers.TryGetValues("Link", out var links) ? NextOf(links.Single()) : null;
        }

        var notes = read.Where(e => e.Kind == "note").ToList();
        notes.Select(e => e.EntryId).Should().Equal(Enumerable.Reverse(written), "every note, newest first, none cut");
        notes.Select(e => e.Text).Should().StartWith([$"notitie {Notes - 1}", $"notitie {Notes - 2}"]).And.EndWith("notitie 0");
        read.Select(e => e.EntryId).Should().OnlyHaveUniqueItems();
        pages.Should().BeGreaterThanOrEqualTo(5);

        var whole = await centre.Ward.Admin.GetFromJsonAsync<List<TimelineEntryView>>($"/api/patients/{patient.PatientId}/timeline");
        whole.Should().HaveCount(2_000, "without a limit one page of at most 2,000 entries, the newest");
        whole![0].EntryId.Should().Be(written[^1]);
        using var tooMany = await centre.Ward.Admin.GetAsync($"/api/patients/{patient.PatientId}/timeline?limit=2001");
        tooMany.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        tooMany.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    // <path?query>; rel="next"
    private static string NextOf(string link)
    {
        link.Should().EndWith("rel=\"next\"");
        return link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
    }

    public void Dispose() => _log.Dispose();
}
