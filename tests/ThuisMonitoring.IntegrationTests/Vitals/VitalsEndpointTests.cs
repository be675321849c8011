using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Vitals;

/// <summary>
/// Trends for the patient detail (issue 5, item 6): measurements published over MQTT read back through
/// GET /api/patients/{id}/vitals, raw within 24 h and per minute beyond, with the protocol's bands of the sign.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class VitalsEndpointTests(SharedHost shared)
{
    [Fact]
    public async Task Values_of_the_last_24_hours_come_back_raw_oldest_first_with_the_spo2_bands()
    {
        var patient = await shared.Ward.AdmitAsync();
        var now = DateTimeOffset.UtcNow;
        var published = new[] { (At: now.AddMinutes(-30), Spo2: 95), (At: now.AddMinutes(-20), Spo2: 93), (At: now.AddMinutes(-10), Spo2: 97) };
        foreach (var (at, spo2) in published)
        {
            await PublishAsync(patient, Measurement.Json(Measurement.NewMessageId(), spo2: spo2, heartRate: 80, oxygenFlow: 2.0, measuredAt: at));
        }

        var trend = await Eventually.GetAsync(
            () => ReadAsync(shared.Ward.Admin, patient.PatientId, "sign=spo2"), t => t.Values.Count == published.Length, null, "three raw spo2 values");

        trend.Resolution.Should().Be("raw");
        trend.Unit.Should().Be("%");
        trend.Aggregates.Should().BeEmpty();
        trend.Values.Select(v => v.Value).Should().Equal(published.Select(p => (double)p.Spo2));
        trend.Values.Select(v => v.At).Should().BeInAscendingOrder();
        (trend.To - trend.From).Should().Be(TimeSpan.FromHours(24), "the default range is the last 24 hours");
        trend.ProtocolId.Should().StartWith("covid-oxygen@");
        trend.Bands.Should().Equal(
            new VitalBandView(null, 91, 3, "red"),
            new VitalBandView(91, 93, 2, "orange"),
            new VitalBandView(93, 95, 1, "green"),
            new VitalBandView(95, null, 0, "green"));
    }

    [Fact]
    public async Task A_range_beyond_24_hours_comes_back_as_per_minute_mean_min_and_max()
    {
        var patient = await shared.Ward.AdmitAsync();
        var minute = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(-3).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        foreach (var (second, heartRate) in new[] { (10, 80), (40, 100) })
        {
            await PublishAsync(patient, Measurement.Json(Measurement.NewMessageId(), spo2: 96, heartRate: heartRate, oxygenFlow: 2.0, measuredAt: minute.AddSeconds(second)));
        }

        var query = $"sign=heart-rate&from={Instant(minute.AddDays(-1))}&to={Instant(minute.AddDays(1))}";
        var trend = await Eventually.GetAsync(
            () => ReadAsync(shared.Ward.Admin, patient.PatientId, query), t => t.Aggregates.Sum(a => a.Count) == 2, null, "two heart rates aggregated");

        trend.Resolution.Should().Be("minute");
        trend.Values.Should().BeEmpty();
        trend.Aggregates.Should().ContainSingle().Which.Should().Be(new VitalAggregateView(minute, 90, 80, 100, 2));
        trend.Bands.Should().Contain(new VitalBandView(50, 90, 0, "green"));
    }

    [Fact]
    public async Task Oxygen_flow_has_one_band_up_to_the_maximum_home_flow_and_a_red_band_above()
    {
        var patient = await shared.Ward.AdmitAsync();

        var trend = await ReadAsync(shared.Ward.Admin, patient.PatientId, "sign=oxygen-flow");

        trend.Unit.Should().Be("L/min");
        trend.Bands.Should().Equal(new VitalBandView(null, 3.0, 0, "green"), new VitalBandView(3.0, null, 3, "red"));
    }

    [Theory]
    [InlineData("sign=pulse", "sign")]
    [InlineData("", "sign")]
    [InlineData("sign=spo2&from=2026-11-20T10:00:00Z&to=2026-11-20T09:00:00Z", "before")]
    [InlineData("sign=spo2&from=2026-11-01T00:00:00Z&to=2026-11-15T00:00:01Z", "14 days")]
    [InlineData("sign=spo2&from=yesterday", "ISO 8601")]
    public async Task A_bad_sign_or_range_is_a_400_problem(string query, string detailMentions)
    {
        var patient = await shared.Ward.AdmitAsync();

        using var response = await shared.Ward.Admin.GetAsync($"/api/patients/{patient.PatientId}/vitals?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<ProblemView>())!;
        problem.Status.Should().Be(400);
        problem.Detail.Should().Contain(detailMentions);
    }

    [Fact]
    public async Task A_clinician_reads_the_trends_of_their_own_patient_and_gets_404_for_another_clinicians_patient()
    {
        var mine = await shared.Ward.AdmitAsync();
        var theirs = await shared.Ward.AdmitAsync();
        using var clinician = await shared.Ward.SignInAsync(mine.Clinician);

        using var own = await clinician.GetAsync($"/api/patients/{mine.PatientId}/vitals?sign=spo2");
        using var other = await clinician.GetAsync($"/api/patients/{theirs.PatientId}/vitals?sign=spo2");

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.Content.ReadFromJsonAsync<ProblemView>())!.Status.Should().Be(404);
    }

    private async Task PublishAsync(AdmittedPatient patient, string payload)
    {
        var run = await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic, payload);
        run.PubAckReasonCodes.Should().Equal([0], run.ToString());
    }

    private static async Task<VitalTrendView> ReadAsync(HttpClient client, string patientId, string query)
    {
        using var response = await client.GetAsync($"/api/patients/{patientId}/vitals?{query}");
        await Ward.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<VitalTrendView>())!;
    }

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
