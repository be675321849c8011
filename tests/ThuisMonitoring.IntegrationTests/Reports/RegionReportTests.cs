using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Reports;

/// <summary>
/// GET /api/reports/region over a region walked through 14 days on the test clock (CONTRACT section 10): every figure
/// equals what the test counts itself from the patients and alerts the API lists; the CSV carries the same numbers;
/// a caller counts only the patients they may see (section 7) and an organisation hidden from them is 404.
/// </summary>
[Collection(ReportRegionCollection.Name)]
public sealed class RegionReportTests(ReportRegionSite site)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_figure_of_the_whole_walk_equals_the_count_from_the_api()
    {
        var walk = await site.WalkAsync();
        using var nurse = await site.Ward.SignInAsync(walk.Nurse);

        var (report, expected) = await ReportAndCountAsync(nurse, walk.Start.AddMinutes(-1), walk.End, null, _ => true);

        report.Should().BeEquivalentTo(expected);
        // The walk itself, as a sanity check of the counting: 8 episodes seen by the centre, 6 left monitoring, 3 of them readmitted.
        report.Episodes.Started.Should().Be(8);
        report.Episodes.Ended.Should().Be(3);
        report.Episodes.Readmitted.Should().Be(3);
        report.Episodes.ByPathway["early-discharge"].Readmitted.Should().Be(2);
        report.BedDaysSaved.Should().Be(17.1, "3 early discharges × 3.5, 2 from the emergency department × 1.5 (the site's factor), 3 via the GP × 0.4 × 3");
        report.TimeToFirstCallMinutes.Median.Should().NotBeNull();
        report.Alerts.ByReason.Keys.Should().Contain(r => r.StartsWith("spo2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_part_of_the_walk_counts_only_what_happened_in_it()
    {
        var walk = await site.WalkAsync();
        using var nurse = await site.Ward.SignInAsync(walk.Nurse);

        // Days 2 to 8: H1 ended on day 2 and was readmitted on day 8 (after this part), so here it ended.
        var (report, expected) = await ReportAndCountAsync(nurse, walk.Start.AddDays(2), walk.Start.AddDays(8), null, _ => true);

        report.Should().BeEquivalentTo(expected);
        report.Episodes.Ended.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task An_organisation_counts_its_own_patients_and_a_centre_those_of_the_organisations_it_serves()
    {
        var walk = await site.WalkAsync();
        using var nurse = await site.Ward.SignInAsync(walk.Nurse);
        var practice = walk.PracticePatients.ToHashSet();

        var (report, expected) = await ReportAndCountAsync(nurse, walk.Start.AddMinutes(-1), walk.End, walk.Practice, practice.Contains);
        report.Should().BeEquivalentTo(expected);
        report.Episodes.Started.Should().Be(3);
        report.Episodes.ByPathway["general-practice"].Started.Should().Be(3);

        var centre = await ReportAsync(nurse, walk.Start.AddMinutes(-1), walk.End, site.Ward.Centre);
        centre.Should().BeEquivalentTo(await ReportAsync(nurse, walk.Start.AddMinutes(-1), walk.End, null), "the centre serves the hospital and the practice");
    }

    [Fact]
    public async Task The_csv_carries_the_same_numbers()
    {
        var walk = await site.WalkAsync();
        using var nurse = await site.Ward.SignInAsync(walk.Nurse);
        var (from, to) = (walk.Start.AddMinutes(-1), walk.End);
        var json = await ReportAsync(nurse, from, to, null);

        using var request = new HttpRequestMessage(HttpMethod.Get, ReportPath(from, to, null));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await nurse.SendAsync(request);
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var rows = ReadCsv(await response.Content.ReadAsStringAsync());

        rows.Should().BeEquivalentTo(Flatten(json, from, to));
    }

    [Fact]
    public async Task A_caller_counts_only_the_patients_they_may_see()
    {
        var walk = await site.WalkAsync();
        using var nurse = await site.Ward.SignInAsync(walk.Nurse);
        using var otherNurse = await site.Ward.SignInAsync(walk.OtherNurse);
        using var gp = await site.Ward.SignInAsync(walk.GeneralPractitioner);
        var (from, to) = (walk.Start.AddMinutes(-1), walk.End);

        (await ReportAsync(nurse, from, to, null)).Episodes.Started.Should().Be(8, "the other hospital's patient is not the centre's");
        (await ReportAsync(otherNurse, from, to, null)).Episodes.Started.Should().Be(1);
        (await ReportAsync(gp, from, to, null)).Episodes.Started.Should().Be(3, "the GP sees the practice's patients only");
        var all = await ReportAsync(site.Ward.Admin, from, to, null);
        all.Episodes.Started.Should().BeGreaterThanOrEqualTo(9, "an admin counts every patient");

        var (elsewhere, expected) = await ReportAndCountAsync(site.Ward.Admin, from, to, walk.OtherHospital, walk.OtherHospitalPatients.Contains);
        elsewhere.Should().BeEquivalentTo(expected);
        elsewhere.Episodes.Started.Should().Be(1);
    }

    [Fact]
    public async Task An_organisation_the_caller_may_not_see_is_404_like_one_that_does_not_exist()
    {
        var walk = await site.WalkAsync();
        using var nurse = await site.Ward.SignInAsync(walk.Nurse);

        using var hidden = await nurse.GetAsync(ReportPath(walk.Start, walk.End, walk.OtherHospital));
        using var missing = await nurse.GetAsync(ReportPath(walk.Start, walk.End, "bestaat-niet-" + Guid.NewGuid().ToString("N")[..6]));

        hidden.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        hidden.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Theory]
    [InlineData("from=gisteren")]
    [InlineData("from=2026-12-01T08:00:00")]
    [InlineData("from=2026-12-10&to=2026-12-01")]
    [InlineData("from=2020-01-01&to=2026-01-01")]
    public async Task A_bad_period_is_400(string query)
    {
        using var response = await site.Ward.Admin.GetAsync("/api/reports/region?" + query);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_report_is_audited_for_every_patient_it_counted()
    {
        var walk = await site.WalkAsync();
        using var gp = await site.Ward.SignInAsync(walk.GeneralPractitioner);
        await ReportAsync(gp, walk.Start.AddMinutes(-1), walk.End, null);

        foreach (var patientId in walk.PracticePatients)
        {
            var page = await site.Ward.Admin.GetFromJsonAsync<JsonElement>($"/api/audit?patient={patientId}&user={walk.GeneralPractitioner.Username}");
            page.GetProperty("records").EnumerateArray()
                .Should().Contain(r => r.GetProperty("resource").GetString() == "region-report" && r.GetProperty("action").GetString() == "read");
        }

        var other = await site.Ward.Admin.GetFromJsonAsync<JsonElement>($"/api/audit?patient={walk.OtherHospitalPatients[0]}&user={walk.GeneralPractitioner.Username}");
        other.GetProperty("records").EnumerateArray().Should().BeEmpty("the GP's report did not count the other hospital's patient");
    }

    /// <summary>
    /// The report and the figures the test counts from the API, read until the API's lists stood still around the
    /// report (a reminder may still be raising a missed-measurement alert just after a clock move).
    /// </summary>
    private static async Task<(RegionReportView Report, RegionReportView Expected)> ReportAndCountAsync(
        HttpClient caller, DateTimeOffset from, DateTimeOffset to, string? organisation, Func<string, bool> ofOrganisation)
    {
        var deadline = DateTime.UtcNow + Settle;
        while (true)
        {
            var before = await FactsAsync(caller);
            var report = await ReportAsync(caller, from, to, organisation);
            var after = await FactsAsync(caller);
            if (JsonSerializer.Serialize(before) == JsonSerializer.Serialize(after) || DateTime.UtcNow > deadline)
            {
                var patients = after.Patients.Where(p => ofOrganisation(p.PatientId)).ToList();
                var ids = patients.Select(p => p.PatientId).ToHashSet();
                return (report, CountedFacts.Expect(patients, [.. after.Alerts.Where(a => ids.Contains(a.PatientId))], from, to));
            }

            await Task.Delay(500);
        }
    }

    private static async Task<(List<ReportPatientView> Patients, List<ReportAlertView> Alerts)> FactsAsync(HttpClient caller)
    {
        var patients = await caller.GetFromJsonAsync<List<ReportPatientView>>("/api/patients?state=all");
        var alerts = await caller.GetFromJsonAsync<List<ReportAlertView>>("/api/alerts");
        return ([.. patients!.OrderBy(p => p.PatientId, StringComparer.Ordinal)], [.. alerts!.OrderBy(a => a.AlertId, StringComparer.Ordinal)]);
    }

    private static async Task<RegionReportView> ReportAsync(HttpClient caller, DateTimeOffset from, DateTimeOffset to, string? organisation)
    {
        using var response = await caller.GetAsync(ReportPath(from, to, organisation));
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return (await response.Content.ReadFromJsonAsync<RegionReportView>())!;
    }

    private static string ReportPath(DateTimeOffset from, DateTimeOffset to, string? organisation) =>
        $"/api/reports/region?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}"
        + (organisation is null ? string.Empty : "&organisation=" + Uri.EscapeDataString(organisation));

    private static Dictionary<string, string> ReadCsv(string text)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = CsvReader.FromText(text, null);
        while (reader.Read())
        {
            rows[reader[0].ToString()] = reader[1].ToString();
        }

        return rows;
    }

    /// <summary>The JSON report as the CSV should carry it: one row per figure, named by its JSON path.</summary>
    private static Dictionary<string, string> Flatten(RegionReportView report, DateTimeOffset from, DateTimeOffset to)
    {
        static string N(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
        var rows = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["from"] = from.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["to"] = to.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["organisation"] = string.Empty,
            ["episodes.started"] = N(report.Episodes.Started),
            ["episodes.ended"] = N(report.Episodes.Ended),
            ["episodes.readmitted"] = N(report.Episodes.Readmitted),
            ["readmissionRate"] = N(report.ReadmissionRate),
            ["medianEpisodeDays"] = N(report.MedianEpisodeDays),
            ["bedDaysSaved"] = N(report.BedDaysSaved),
            ["alerts.raised"] = N(report.Alerts.Raised),
            ["alerts.perPatientDay"] = N(report.Alerts.PerPatientDay),
            ["timeToFirstCallMinutes.median"] = N(report.TimeToFirstCallMinutes.Median),
            ["timeToFirstCallMinutes.p90"] = N(report.TimeToFirstCallMinutes.P90),
        };
        foreach (var (pathway, figures) in report.Episodes.ByPathway)
        {
            rows[$"episodes.byPathway.{pathway}.started"] = N(figures.Started);
            rows[$"episodes.byPathway.{pathway}.ended"] = N(figures.Ended);
            rows[$"episodes.byPathway.{pathway}.readmitted"] = N(figures.Readmitted);
        }

        foreach (var (reason, count) in report.Alerts.ByReason)
        {
            rows[$"alerts.byReason.{reason}"] = N(count);
        }

        return rows;
    }
}
