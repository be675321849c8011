using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Tests.Support;

namespace ThuisMonitoring.Fhir.Tests.Enrolment;

/// <summary>
/// POST /fhir with an enrolment Bundle: a re-sent Bundle does not make a second patient (conditional create on the
/// BSN); consent is an explicit Consent entry, never inferred; the clinician may be named by AGB code; a Bundle with any
/// problem is refused whole (400 OperationOutcome naming each problem by expression) and nothing of it is created.
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
        { "two consents", "Bundle.entry" },
        { "consent rejected", "Bundle.entry[7].resource.status" },
        { "consent of someone else", "Bundle.entry[7].resource.patient" },
        { "consent denied", "Bundle.entry[7].resource.provision.type" },
        { "consent in the future", "Bundle.entry[7].resource.dateTime" },
        { "consent without its category", "Bundle.entry[7].resource.category" },
        { "unknown AGB code", "Bundle.entry[1].resource.performer[0].identifier" },
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
            case "two consents": bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:5d2c6a1e-7f3b-4e0a-9c2d-3b8e1f4a6c04", Resource = EnrolmentBundles.Consent(DateTimeOffset.UtcNow.AddHours(-2)), Request = bundle.Entry[7].Request }); break;
            case "consent rejected": ((Consent)bundle.Entry[7].Resource).Status = Consent.ConsentState.Rejected; break;
            case "consent of someone else": ((Consent)bundle.Entry[7].Resource).Patient = new ResourceReference("Patient/someone-else"); break;
            case "consent denied": ((Consent)bundle.Entry[7].Resource).Provision.Type = Consent.ConsentProvisionType.Deny; break;
            case "consent in the future": ((Consent)bundle.Entry[7].Resource).DateTimeElement = new FhirDateTime(DateTimeOffset.UtcNow.AddDays(1)); break;
            case "consent without its category": ((Consent)bundle.Entry[7].Resource).Category = [new CodeableConcept("http://loinc.org", "64292-6")]; break;
            case "unknown AGB code": order.Performer[0].Identifier = new Identifier("http://fhir.nl/fhir/NamingSystem/agb-z", "00000000"); break;
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
    public async Task The_explicit_consent_is_recorded_with_when_it_was_given_wherever_it_stands_in_the_bundle()
    {
        var clinician = await fhir.HireAsync("clinician");
        var bundle = EnrolmentBundles.Enrolment(clinician, null, DateTimeOffset.UtcNow.AddHours(-1));
        var givenAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeSeconds());
        ((Consent)bundle.Entry[7].Resource).DateTimeElement = new FhirDateTime(givenAt);
        var consent = bundle.Entry[7];
        bundle.Entry.RemoveAt(7);
        bundle.Entry.Insert(0, consent);

        var answer = await FhirHost.PostAsync(fhir.Admin, "/fhir", bundle);

        answer.Status.Should().Be(HttpStatusCode.Created, answer.Body);
        var response = answer.As<Bundle>();
        response.Entry[0].Response.Status.Should().Be("201 Created");
        response.Entry[1].Response.Location.Should().StartWith("Patient/");
        var patientId = answer.Location!["Patient/".Length..];
        var recorded = (await fhir.Admin.GetFromJsonAsync<RecordedConsent>($"/api/patients/{patientId}/consent"))!;
        recorded.Scope.Should().Be("telemonitoring");
        recorded.GivenAt.Should().Be(givenAt);
        recorded.RecordedBy.Should().Be("admin");
        FhirValidation.ShouldBeValid(response);
    }

    [Fact]
    public async Task A_contract_bundle_without_a_consent_enrols_with_the_consent_the_orders_requester_obtained_when_the_order_was_authored()
    {
        var clinician = await fhir.HireAsync("clinician");
        var bundle = EnrolmentBundles.Enrolment(clinician, null, DateTimeOffset.UtcNow.AddHours(-1));
        var authoredAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds());
        var order = (ServiceRequest)bundle.Entry[1].Resource;
        order.SupportingInfo.Clear();
        order.AuthoredOnElement = new FhirDateTime(authoredAt);
        bundle.Entry.RemoveAt(7);

        var answer = await FhirHost.PostAsync(fhir.Admin, "/fhir", bundle);

        answer.Status.Should().Be(HttpStatusCode.Created, answer.Body);
        var response = answer.As<Bundle>();
        response.Entry.Should().HaveCount(bundle.Entry.Count, "one response per entry of the request");
        var patientId = answer.Location!["Patient/".Length..];
        var recorded = (await fhir.Admin.GetFromJsonAsync<RecordedConsent>($"/api/patients/{patientId}/consent"))!;
        recorded.Scope.Should().Be("telemonitoring");
        recorded.GivenAt.Should().Be(authoredAt);
        recorded.RecordedBy.Should().Be("admin");
        FhirValidation.ShouldBeValid(response);
    }

    [Fact]
    public async Task A_bundle_naming_the_responsible_clinician_by_agb_code_enrols_under_that_clinician()
    {
        var clinician = FhirHost.Unique("clinician");
        var agb = Random.Shared.Next(1_000_000, 9_999_999).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        using (var hired = await fhir.Admin.PostAsJsonAsync("/api/users",
            new { username = clinician, password = FhirHost.StaffPassword, role = "clinician", displayName = $"Dr. {clinician}", agbCode = agb }))
        {
            await FhirHost.ExpectAsync(hired, HttpStatusCode.Created);
        }

        using (var taken = await fhir.Admin.PostAsJsonAsync("/api/users",
            new { username = FhirHost.Unique("clinician"), password = FhirHost.StaffPassword, role = "clinician", displayName = "Dr. Twee", agbCode = agb }))
        {
            taken.StatusCode.Should().Be(HttpStatusCode.Conflict, "an AGB code names one care provider");
        }

        var bundle = EnrolmentBundles.Enrolment(agb, EnrolmentBundles.NewBsn(), DateTimeOffset.UtcNow.AddHours(-1), clinicianSystem: "http://fhir.nl/fhir/NamingSystem/agb-z");
        var answer = await FhirHost.PostAsync(fhir.Admin, "/fhir", bundle);

        answer.Status.Should().Be(HttpStatusCode.Created, answer.Body);
        var patientId = answer.Location!["Patient/".Length..];
        var episode = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/EpisodeOfCare/{patientId}")).As<EpisodeOfCare>();
        episode.CareManager.Reference.Should().Be($"Practitioner/{clinician}");
        var practitioner = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/Practitioner/{clinician}")).As<Practitioner>();
        practitioner.Identifier.Should().Contain(i => i.System == "http://fhir.nl/fhir/NamingSystem/agb-z" && i.Value == agb);
        FhirValidation.ShouldBeValid(practitioner);
        using var own = await fhir.SignInAsync(clinician);
        (await FhirHost.GetAsync(own, $"/fhir/Patient/{patientId}")).Status.Should().Be(HttpStatusCode.OK, "the clinician named by AGB is responsible");
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

    private sealed record RecordedConsent(string Scope, DateTimeOffset GivenAt, string RecordedBy);
}
