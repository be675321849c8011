using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Visibility;

/// <summary>
/// Issue 11, the audit trail by organisation: a privacy officer reviews the records about their own organisation's
/// patients and of what its users did, and nothing of another organisation (a patient of another organisation: empty);
/// an admin reads the whole trail.
/// </summary>
[Collection(RegionSiteCollection.Name)]
public sealed class AuditVisibilityTests(RegionSite site)
{
    [Fact]
    public async Task A_privacy_officer_reviews_only_the_records_of_their_own_organisation()
    {
        var region = await site.RegionAsync();
        var hospitalPatient = region.HospitalPatient.PatientId;
        var practicePatient = region.PracticePatient.PatientId;
        using (var nurse = await site.Ward.SignInAsync(region.ServingNurse))
        {
            (await nurse.GetAsync($"/api/patients/{hospitalPatient}")).StatusCode.Should().Be(HttpStatusCode.OK);
            (await nurse.GetAsync($"/api/patients/{practicePatient}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var clinician = await site.Ward.SignInAsync(region.ResponsibleClinician))
        {
            (await clinician.GetAsync($"/api/patients/{hospitalPatient}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var practiceOfficer = await site.HireAsync("privacy-officer", region.Practice);
        using var hospitalReviewer = await site.Ward.SignInAsync(region.PrivacyOfficer);
        using var practiceReviewer = await site.Ward.SignInAsync(practiceOfficer);

        var hospitalTrail = await TrailAsync(hospitalReviewer, "");
        hospitalTrail.Should().Contain(r => r.PatientId == hospitalPatient && r.Organisation == region.Centre, "the centre's nurse read the hospital's patient");
        hospitalTrail.Should().Contain(r => r.PatientId == hospitalPatient && r.Actor == region.ResponsibleClinician.Username);
        hospitalTrail.Should().NotContain(r => r.PatientId == practicePatient, "the practice's patient is not the hospital's, and no hospital user read it");
        foreach (var aboutOthers in hospitalTrail.Where(r => r.Organisation != region.Hospital && r.PatientId is not null).Select(r => r.PatientId!).Distinct())
        {
            var organisation = (await site.Ward.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/patients/{aboutOthers}")).GetProperty("organisation").GetString();
            organisation.Should().Be(region.Hospital, "another organisation's user shows only with a patient of the hospital");
        }

        hospitalTrail.Should().NotContain(r => r.PatientId == null && r.Organisation != region.Hospital);

        var practiceTrail = await TrailAsync(practiceReviewer, "");
        practiceTrail.Should().Contain(r => r.PatientId == practicePatient);
        practiceTrail.Should().NotContain(r => r.PatientId == hospitalPatient);

        (await TrailAsync(hospitalReviewer, $"patient={hospitalPatient}")).Should().NotBeEmpty().And.OnlyContain(r => r.PatientId == hospitalPatient);
        (await TrailAsync(hospitalReviewer, $"patient={practicePatient}")).Should().BeEmpty(
            "of another organisation's patient the officer sees only what the hospital's own users did: nothing here");
        var ofTheNurse = await TrailAsync(hospitalReviewer, $"user={region.ServingNurse.Username}");
        ofTheNurse.Should().Contain(r => r.PatientId == hospitalPatient);
        ofTheNurse.Should().NotContain(r => r.PatientId == practicePatient || r.PatientId == null,
            "of the centre's nurse, the hospital's officer sees what she did with the hospital's patients only");

        var everything = await TrailAsync(site.Ward.Admin, "");
        everything.Should().Contain(r => r.PatientId == practicePatient).And.Contain(r => r.PatientId == hospitalPatient);
    }

    [Fact]
    public async Task A_privacy_officers_pages_are_full_pages_of_their_own_records()
    {
        var region = await site.RegionAsync();
        using var reviewer = await site.Ward.SignInAsync(region.PrivacyOfficer);
        using (var clinician = await site.Ward.SignInAsync(region.ResponsibleClinician))
        {
            for (var i = 0; i < 4; i++)
            {
                (await clinician.GetAsync($"/api/patients/{region.HospitalPatient.PatientId}")).StatusCode.Should().Be(HttpStatusCode.OK);
            }
        }

        // Reading the trail is itself recorded (by the hospital's officer): fix the end so the pages do not move.
        var newest = (await reviewer.GetFromJsonAsync<AuditPageView>("/api/audit?pageSize=1"))!.Records.Single().At;
        var to = Uri.EscapeDataString(newest.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var first = await reviewer.GetFromJsonAsync<AuditPageView>($"/api/audit?pageSize=2&page=1&to={to}");
        var second = await reviewer.GetFromJsonAsync<AuditPageView>($"/api/audit?pageSize=2&page=2&to={to}");
        var both = await reviewer.GetFromJsonAsync<AuditPageView>($"/api/audit?pageSize=4&page=1&to={to}");

        first!.Records.Should().HaveCount(2);
        first.HasMore.Should().BeTrue();
        second!.Records.Should().HaveCount(2);
        first.Records.Concat(second.Records).Select(r => r.Id).Should().Equal(both!.Records.Select(r => r.Id), "pages count only the records the officer may review");
    }

    private static async Task<IReadOnlyList<AuditRecordView>> TrailAsync(HttpClient reader, string query)
    {
        var page = await reader.GetFromJsonAsync<AuditPageView>($"/api/audit?pageSize=500{(query.Length == 0 ? "" : "&" + query)}");
        return page!.Records;
    }

    private sealed record AuditPageView(List<AuditRecordView> Records, int Page, int PageSize, bool HasMore);

    private sealed record AuditRecordView(long Id, DateTimeOffset At, string Actor, string? Organisation, string? PatientId, string Resource);
}
