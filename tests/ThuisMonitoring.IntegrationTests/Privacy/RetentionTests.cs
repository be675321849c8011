using Xunit.Abstractions;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Audit;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Privacy;

/// <summary>The scheduled retention purge, driven by the host's test clock: no waiting for months.</summary>
public sealed class RetentionTests(RetentionSite site, ITestOutputHelper output) : IClassFixture<RetentionSite>, IDisposable
{
    private readonly HostLog _log = new(site.Host, output);

    [Fact]
    public async Task Raw_samples_past_the_organisations_retention_are_thinned_while_spot_checks_and_the_record_stay_and_the_purge_is_audited()
    {
        // Whole milliseconds, as the payload carries them.
        var now = DateTimeOffset.FromUnixTimeMilliseconds((await site.NowAsync()).ToUnixTimeMilliseconds());
        var shortRaw = await site.AdmitAsync(RetentionSite.DefaultOrganisation);
        var longRaw = await site.AdmitAsync(RetentionSite.LongRawOrganisation);
        var streamStart = now.AddMinutes(-10);
        var spotCheckAt = now.AddMinutes(-3);
        foreach (var (_, device, _) in new[] { shortRaw, longRaw })
        {
            // A continuous stream of 30 samples a second apart, then a spot check minutes later.
            var stream = Enumerable.Range(0, 30).Select(i => Measurement.Json(Measurement.NewMessageId(), spo2: 96, heartRate: 70, measuredAt: streamStart.AddSeconds(i)));
            var sent = await site.Mosquitto.PublishAsync(MosquittoClients.V5, device.DeviceId, device.Secret, device.MeasurementsTopic, "[" + string.Join(",", stream) + "]");
            sent.PubAckReasonCodes.Should().Equal([0], sent.ToString());
            var spot = await site.Mosquitto.PublishAsync(MosquittoClients.V5, device.DeviceId, device.Secret, device.MeasurementsTopic,
                Measurement.Json(Measurement.NewMessageId(), spo2: 95, heartRate: 72, respiratoryRate: 16, oxygenFlow: 2.0, measuredAt: spotCheckAt));
            spot.PubAckReasonCodes.Should().Equal([0], spot.ToString());
        }

        var (from, to) = (now.AddMinutes(-15), now);
        (await site.Spo2ValuesAsync(shortRaw.PatientId, from, to)).Should().HaveCount(31);

        await site.AdvanceAsync(91);

        using var admin = await site.AdminAsync();
        var audit = await Eventually.GetAsync(
            () => PrivacyViews.AuditOfAsync(admin, shortRaw.PatientId),
            records => records.Any(r => r.Resource == "vitals" && r.Action == "delete"),
            TimeSpan.FromSeconds(30), "the purge to thin the raw samples");
        var purge = audit.Single(r => r.Resource == "vitals" && r.Action == "delete");
        purge.Actor.Should().Be("system");
        purge.Channel.Should().Be("system");
        purge.Purpose.Should().Be("retention");
        purge.Organisation.Should().Be(RetentionSite.DefaultOrganisation);

        var thinned = await site.Spo2ValuesAsync(shortRaw.PatientId, from, to);
        thinned.Should().Contain(spotCheckAt, "a spot check is part of the clinical record");
        thinned.Where(at => at < spotCheckAt).Should().HaveCountLessThanOrEqualTo(2, "one sample per minute of the stream is kept").And.NotBeEmpty();
        (await site.Spo2ValuesAsync(longRaw.PatientId, from, to)).Should().HaveCount(31, "this organisation keeps raw data for 365 days");
        using var record = await admin.GetAsync($"/api/patients/{shortRaw.PatientId}");
        record.StatusCode.Should().Be(HttpStatusCode.OK, "the medical record stays 20 years");

        var runs = await admin.GetFromJsonAsync<AuditPageView>("/api/audit?user=system&pageSize=500");
        runs!.Records.Should().Contain(r => r.Resource == "retention" && r.PatientId == null && r.Channel == "system");
    }

    [Fact]
    public async Task The_whole_record_is_erased_twenty_years_after_the_episode_ended_and_a_running_episode_is_kept()
    {
        var ended = await site.AdmitAsync(RetentionSite.DefaultOrganisation);
        var running = await site.AdmitAsync(RetentionSite.DefaultOrganisation);
        using var end = await ended.Clinician.PostAsJsonAsync($"/api/patients/{ended.PatientId}/state", new { state = "ended", reason = "Hersteld" });
        await Ward.ExpectAsync(end, HttpStatusCode.OK);

        var tenYearsOn = await site.AdvanceAsync(365 * 10);
        using (var admin = await site.AdminAsync())
        {
            // Ten years on, the purge has run and kept the record (the WGBO term is twenty).
            await Eventually.GetAsync(() => RunsAfterAsync(admin, tenYearsOn), n => n > 0, TimeSpan.FromSeconds(30), "a purge run");
            using var stillThere = await admin.GetAsync($"/api/patients/{ended.PatientId}");
            stillThere.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await site.AdvanceAsync(365 * 10 + 6);

        using var later = await site.AdminAsync();
        var audit = await Eventually.GetAsync(
            () => PrivacyViews.AuditOfAsync(later, ended.PatientId),
            records => records.Any(r => r.Resource == "patient" && r.Action == "delete"),
            TimeSpan.FromSeconds(30), "the record past its retention to be erased");
        audit.Should().ContainSingle(r => r.Resource == "patient" && r.Action == "delete" && r.Actor == "system" && r.Purpose == "retention" && r.Channel == "system");
        using var gone = await later.GetAsync($"/api/patients/{ended.PatientId}");
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var kept = await later.GetAsync($"/api/patients/{running.PatientId}");
        kept.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<int> RunsAfterAsync(HttpClient admin, DateTimeOffset at)
    {
        var from = Uri.EscapeDataString(at.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture));
        var page = await admin.GetFromJsonAsync<AuditPageView>($"/api/audit?user=system&from={from}&pageSize=500");
        return page!.Records.Count(r => r.Resource == "retention");
    }

    public void Dispose() => _log.Dispose();
}
