using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Tests.Support;

namespace ThuisMonitoring.Fhir.Tests.Enrolment;

/// <summary>
/// POST /fhir with an enrolment Bundle: a re-sent Bundle does not make a second patient (conditional create on the
/// BSN); a Bundle with any problem is refused whole (400 OperationOutcome naming each problem by expression) and
/// nothing of it is created.
/// </summary>
[Collection(SharedFhirHostCollection.Name)]
public sealed class EnrolmentBundleTests(SharedFhirHost fhir)
{
    [Fact]
    public async Task A_re_sent_bundle_answers_the_same_patient_and_creates_no_second()
    {
        var clinician = await fhir.HireAsync("clinician");
        var bsn = EnrolmentBundles.NewBsn();
        var bundle = EnrolmentBundles.Enrolment(clinician, bsn, DateTimeOffset.UtcNow.AddHours(-1));

        var first = await FhirHost.PostAsync(fhir.Admin, "/fhir", bundle);
        var again = await FhirHost.PostAsync(fhir.Admin, "/fhir", bundle);

        first.Status.Should().Be(HttpStatusCode.Created);
        again.Status.Should().Be(HttpStatusCode.OK, again.Body);
        again.Location.Should().Be(first.Location);
        again.As<Bundle>().Entry[0].Response.Status.Should().Be("200 OK");
        var matches = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/Patient?identifier=http://fhir.nl/fhir/NamingSystem/bsn|{bsn}")).As<Bundle>();
        matches.Total.Should().Be(1);
        FhirValidation.ShouldBeValid(again.As<Bundle>());
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "missing subject", "Bundle.entry[1].resource.subject" },
        { "unknown clinician", "Bundle.entry[1].resource.performer[0].identifier" },
        { "bad code", "Bundle.entry[2].resource.code" },
        { "bad dates", "Bundle.entry[0].resource.birthDate" },
        { "old ward value", "Bundle.entry[3].resource.effective" },
        { "bad BSN", "Bundle.entry[0].resource.identifier[0].value" },
        { "wrong unit", "Bundle.entry[4].resource.value" },
        { "out of range", "Bundle.entry[2].resource.value" },
        { "not a transaction", "Bundle.type" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task A_bundle_with_a_problem_is_refused_whole_naming_it(string problem, string expression)
    {
        var clinician = await fhir.HireAsync("clinician");
        var bsn = EnrolmentBundles.NewBsn();
        var bundle = EnrolmentBundles.Enrolment(clinician, bsn, DateTimeOffset.UtcNow.AddHours(-1));
        var order = (ServiceRequest)bundle.Entry[1].Resource;
        switch (problem)
        {
            case "missing subject": order.Subject = null; break;
            case "unknown clinician": order.Performer[0].Identifier.Value = "nobody-here"; break;
            case "bad code": ((Observation)bundle.Entry[2].Resource).Code = new CodeableConcept("http://loinc.org", "1234-5"); break;
            case "bad dates": ((Patient)bundle.Entry[0].Resource).BirthDate = "2999-01-01"; break;
            case "old ward value": ((Observation)bundle.Entry[3].Resource).Effective = new FhirDateTime(DateTimeOffset.UtcNow.AddDays(-3)); break;
            case "bad BSN":
                ((Patient)bundle.Entry[0].Resource).Identifier[0].Value = "123456789";
                bundle.Entry[0].Request.IfNoneExist = null;
                break;
            case "wrong unit": ((Quantity)((Observation)bundle.Entry[4].Resource).Value).Code = "/s"; break;
            case "out of range": ((Quantity)((Observation)bundle.Entry[2].Resource).Value).Value = 12m; break;
            default: bundle.Type = Bundle.BundleType.Batch; break;
        }

        var answer = await FhirHost.PostAsync(fhir.Admin, "/fhir", bundle);

        answer.Status.Should().Be(HttpStatusCode.BadRequest, answer.Body);
        var outcome = answer.As<OperationOutcome>();
        outcome.Issue.Should().Contain(i => i.Expression.Contains(expression) && i.Severity == OperationOutcome.IssueSeverity.Error);
        FhirValidation.ShouldBeValid(outcome);
        var created = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/Patient?identifier={bsn}")).As<Bundle>();
        created.Total.Should().Be(0);
        var patients = (await fhir.Admin.GetFromJsonAsync<List<PatientName>>("/api/patients"))!;
        patients.Should().NotContain(p => p.Name == "Anna Jansen" && p.ResponsibleClinician == clinician);
    }

    [Fact]
    public async Task Every_problem_of_a_bundle_is_named_at_once()
    {
        var bundle = EnrolmentBundles.Enrolment("nobody-here", "123456789", DateTimeOffset.UtcNow.AddDays(-5));
        ((ServiceRequest)bundle.Entry[1].Resource).Subject = null;

        var outcome = (await FhirHost.PostAsync(fhir.Admin, "/fhir", bundle)).As<OperationOutcome>();
        Examples.Save("enrolment-refused", outcome);

        outcome.Issue.SelectMany(i => i.Expression).Should().Contain(
            [
            "Bundle.entry[0].resource.identifier[0].value", "Bundle.entry[1].resource.subject", "Bundle.entry[1].resource.performer[0].identifier",
            "Bundle.entry[2].resource.effective", "Bundle.entry[6].resource.effective"], Http.FhirJson.Serialize(outcome));
    }

    [Fact]
    public async Task Json_that_is_not_fhir_is_refused_with_where()
    {
        var answer = await FhirHost.PostJsonAsync(fhir.Admin, "/fhir",
            """{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient","birthDate":"gisteren"}}]}""");

        answer.Status.Should().Be(HttpStatusCode.BadRequest);
        answer.ContentType.Should().Be(FhirJson.MediaType);
        answer.As<OperationOutcome>().Issue.Should().Contain(i => i.Expression.Any(e => e.Contains("birthDate", StringComparison.Ordinal)));
    }

    private sealed record PatientName(string Name, string ResponsibleClinician);
}
