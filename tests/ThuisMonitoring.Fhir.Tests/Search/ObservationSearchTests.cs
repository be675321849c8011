using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using ThuisMonitoring.Fhir.Tests.Support;

namespace ThuisMonitoring.Fhir.Tests.Search;

/// <summary>
/// Observation search over real measurements: code, date ge/le, _count with paging links, _sort; paging past the end,
/// empty results and bad parameters; and the same visibility as the API (another clinician's patient is 404 and
/// searches as empty), every read audited on channel fhir.
/// </summary>
[Collection(SharedFhirHostCollection.Name)]
public sealed class ObservationSearchTests(SharedFhirHost fhir)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeSeconds());

    [Fact]
    public async Task Searches_by_code_date_count_and_sort_with_paging_links()
    {
        var patientId = await MeasuredPatientAsync(4);

        var newestAnswer = await FhirHost.GetAsync(fhir.Admin, $"/fhir/Observation?patient={patientId}&code=http://loinc.org|8867-4&_count=3");
        Examples.Save("observation-search", newestAnswer.Body);
        var newest = newestAnswer.As<Bundle>();
        newest.Total.Should().Be(4);
        newest.Entry.Should().HaveCount(3);
        Times(newest).Should().BeInDescendingOrder();
        Times(newest)[0].Should().Be(Start.AddMinutes(30));
        var next = newest.Link.Single(l => l.Relation == "next").Url;
        newest.Link.Select(l => l.Relation).Should().Contain(["self", "first", "last"]);

        var second = (await FhirHost.GetAsync(fhir.Admin, new Uri(next).PathAndQuery)).As<Bundle>();
        second.Entry.Should().ContainSingle();
        Times(second)[0].Should().Be(Start);
        second.Link.Should().NotContain(l => l.Relation == "next");

        var ranged = (await FhirHost.GetAsync(fhir.Admin,
            $"/fhir/Observation?patient=Patient/{patientId}&code=59408-5&date=ge{Iso(Start.AddMinutes(10))}&date=le{Iso(Start.AddMinutes(20))}&_sort=date")).As<Bundle>();
        Times(ranged).Should().Equal(Start.AddMinutes(10), Start.AddMinutes(20));
        ranged.Entry.Select(e => ((Quantity)((Observation)e.Resource).Value).Value).Should().Equal(91m, 92m);

        var both = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/Observation?patient={patientId}&code=8867-4,2708-6")).As<Bundle>();
        both.Total.Should().Be(8);
    }

    [Fact]
    public async Task Paging_past_the_end_and_empty_results_are_empty_pages()
    {
        var patientId = await MeasuredPatientAsync(2);

        var past = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/Observation?patient={patientId}&_count=5&_offset=500")).As<Bundle>();
        past.Total.Should().Be(6);
        past.Entry.Should().BeEmpty();
        past.Link.Should().NotContain(l => l.Relation == "next");

        var none = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/Observation?patient={patientId}&date=le2000-01-01")).As<Bundle>();
        none.Total.Should().Be(0);
        none.Entry.Should().BeEmpty();
        FhirValidation.ShouldBeValid(none);

        var count = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/Observation?patient={patientId}&_count=0")).As<Bundle>();
        count.Total.Should().Be(6);
        count.Entry.Should().BeEmpty();
    }

    [Theory]
    [InlineData("", "patient")]
    [InlineData("patient=x&code=1234-5", "code")]
    [InlineData("patient=x&code=http://snomed.info/sct|41236000", "code")]
    [InlineData("patient=x&date=yesterday", "date")]
    [InlineData("patient=x&date=sa2026-12-01", "date")]
    [InlineData("patient=x&date=ge2026-12-01T08:00:00", "date")]
    [InlineData("patient=x&_count=-1", "_count")]
    [InlineData("patient=x&_count=abc", "_count")]
    [InlineData("patient=x&_sort=value", "_sort")]
    [InlineData("patient=x&performer=y", "performer")]
    [InlineData("patient=a/b", "patient")]
    public async Task Bad_parameters_are_400_naming_the_parameter(string query, string parameter)
    {
        var answer = await FhirHost.GetAsync(fhir.Admin, $"/fhir/Observation?{query}");

        answer.Status.Should().Be(HttpStatusCode.BadRequest, answer.Body);
        answer.As<OperationOutcome>().Issue.Should().Contain(i => i.Expression.Contains(parameter));
    }

    [Fact]
    public async Task A_clinician_reads_only_their_own_patients_and_each_read_is_audited_as_fhir()
    {
        var patientId = await MeasuredPatientAsync(1);
        var other = await fhir.HireAsync("clinician");
        using var stranger = await fhir.SignInAsync(other);

        (await FhirHost.GetAsync(stranger, $"/fhir/Patient/{patientId}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await FhirHost.GetAsync(stranger, $"/fhir/EpisodeOfCare/{patientId}")).Status.Should().Be(HttpStatusCode.NotFound);
        (await FhirHost.GetAsync(stranger, $"/fhir/Patient/{patientId}/$everything")).Status.Should().Be(HttpStatusCode.NotFound);
        (await FhirHost.GetAsync(stranger, $"/fhir/Observation?patient={patientId}")).As<Bundle>().Total.Should().Be(0);
        (await FhirHost.GetAsync(stranger, $"/fhir/Flag?patient={patientId}")).As<Bundle>().Total.Should().Be(0);
        (await FhirHost.GetAsync(stranger, "/fhir/Patient")).As<Bundle>().Entry.Should().NotContain(e => e.Resource.Id == patientId);

        var responsible = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/Patient/{patientId}")).As<Patient>().GeneralPractitioner[0].Reference["Practitioner/".Length..];
        using var own = await fhir.SignInAsync(responsible);
        (await FhirHost.GetAsync(own, $"/fhir/Patient/{patientId}")).Status.Should().Be(HttpStatusCode.OK);
        (await FhirHost.GetAsync(own, $"/fhir/Observation?patient={patientId}")).As<Bundle>().Total.Should().Be(3);

        var audit = (await fhir.Admin.GetFromJsonAsync<AuditPage>($"/api/audit?patient={patientId}&pageSize=200"))!;
        audit.Records.Should().Contain(r => r.Actor == responsible && r.Channel == "fhir" && r.Resource == "patient" && r.Action == "read");
        audit.Records.Should().Contain(r => r.Actor == responsible && r.Channel == "fhir" && r.Resource == "vitals");
        audit.Records.Should().NotContain(r => r.Actor == other, "refused reads touched no data");
    }

    /// <summary>A patient enrolled by Bundle whose oximeter sent <paramref name="count"/> measurements, 10 minutes apart from <see cref="Start"/>: SpO2 90, 91, ..., heart rate, respiratory rate.</summary>
    private async Task<string> MeasuredPatientAsync(int count)
    {
        var clinician = await fhir.HireAsync("clinician");
        var enrolled = await FhirHost.PostAsync(fhir.Admin, "/fhir", EnrolmentBundles.Enrolment(clinician, null, DateTimeOffset.UtcNow.AddHours(-4)));
        var patientId = enrolled.Location!["Patient/".Length..];
        var (deviceId, secret) = await fhir.BindDeviceAsync(patientId);
        await using var oximeter = await Oximeter.ConnectAsync(fhir.Host.MqttPort, deviceId, secret);
        for (var i = 0; i < count; i++)
        {
            var at = Iso(Start.AddMinutes(10 * i));
            (await oximeter.PublishAsync($$"""{"measuredAt":"{{at}}","messageId":"m{{i}}","spo2":{{90 + i}},"heartRate":{{70 + i}},"respiratoryRate":16}"""))
                .Should().Be(MQTTnet.MqttClientPublishReasonCode.Success);
        }

        return patientId;
    }

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static List<DateTimeOffset> Times(Bundle bundle) =>
        bundle.Entry.Select(e => ((FhirDateTime)((Observation)e.Resource).Effective).ToDateTimeOffset(TimeSpan.Zero)).ToList();

    private sealed record AuditPage(List<AuditRecord> Records);

    private sealed record AuditRecord(string Actor, string? PatientId, string Resource, string Action, string Channel);
}
