using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using ThuisMonitoring.Fhir.Tests.Support;

namespace ThuisMonitoring.Fhir.Tests.Reads;

/// <summary>
/// Enrol by Bundle, publish over MQTT, read back over FHIR: the Observations carry exactly what the oximeter sent
/// (values, LOINC codes, UCUM units, times), the alert is a Flag, the escalation a Communication, and every resource
/// type the server returns is valid R4 (vital-signs profiles included) by Firely's validator.
/// </summary>
[Collection(SharedFhirHostCollection.Name)]
public sealed class RoundTripTests(SharedFhirHost fhir)
{
    [Fact]
    public async Task Enrolled_by_bundle_measured_over_mqtt_read_back_as_valid_r4()
    {
        var organisation = FhirHost.Unique("zkh");
        var clinician = await fhir.HireAsync("clinician", organisation);
        var bsn = EnrolmentBundles.NewBsn();
        var bundle = EnrolmentBundles.Enrolment(clinician, bsn, DateTimeOffset.UtcNow.AddHours(-2));
        Examples.Save("enrolment-bundle", bundle);
        var enrolled = await FhirHost.PostAsync(fhir.Admin, "/fhir", bundle);
        Examples.Save("enrolment-response", enrolled.Body);
        enrolled.Status.Should().Be(HttpStatusCode.Created, enrolled.Body);
        enrolled.ContentType.Should().Be("application/fhir+json");
        var response = enrolled.As<Bundle>();
        response.Type.Should().Be(Bundle.BundleType.TransactionResponse);
        var patientId = response.Entry[0].Response.Location.Should().StartWith("Patient/").And.Subject[8..];
        enrolled.Location.Should().Be($"Patient/{patientId}");
        var eligibility = response.Entry[1].Response.Outcome.Should().BeOfType<OperationOutcome>().Subject;
        eligibility.Issue.Should().NotBeEmpty().And.OnlyContain(i => i.Severity == OperationOutcome.IssueSeverity.Information);
        FhirValidation.ShouldBeValid(response);

        var (deviceId, secret) = await fhir.BindDeviceAsync(patientId);
        var measuredAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        measuredAt = DateTimeOffset.FromUnixTimeMilliseconds(measuredAt.ToUnixTimeMilliseconds());
        await using (var oximeter = await Oximeter.ConnectAsync(fhir.Host.MqttPort, deviceId, secret))
        {
            var json = $$"""{"measuredAt":"{{measuredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffZ", CultureInfo.InvariantCulture)}}","messageId":"{{Guid.NewGuid():N}}","spo2":88,"heartRate":112,"respiratoryRate":24,"oxygenFlow":2.5,"temperature":38.4}""";
            (await oximeter.PublishAsync(json)).Should().Be(MQTTnet.MqttClientPublishReasonCode.Success);
        }

        var search = await Eventually.GetAsync(
            () => FhirHost.GetAsync(fhir.Admin, $"/fhir/Observation?patient={patientId}"),
            a => a.Resource is Bundle { Total: 5 }, "five Observations of the measurement");
        var observations = search.As<Bundle>().Entry.Select(e => (Observation)e.Resource).ToList();
        FhirValidation.ShouldBeValid(search.As<Bundle>());
        var expected = new (string Loinc, decimal Value, string Unit, string Profile)[]
        {
            ("59408-5", 88m, "%", "http://hl7.org/fhir/StructureDefinition/oxygensat"),
            ("8867-4", 112m, "/min", "http://hl7.org/fhir/StructureDefinition/heartrate"),
            ("9279-1", 24m, "/min", "http://hl7.org/fhir/StructureDefinition/resprate"),
            ("3151-8", 2.5m, "L/min", "http://hl7.org/fhir/StructureDefinition/vitalsigns"),
            ("8310-5", 38.4m, "Cel", "http://hl7.org/fhir/StructureDefinition/bodytemp"),
        };
        foreach (var (loinc, value, unit, profile) in expected)
        {
            var observation = observations.Single(o => o.Code.Coding[0].Code == loinc);
            observation.Code.Coding[0].System.Should().Be("http://loinc.org");
            observation.Category.Single().Coding.Single().Code.Should().Be("vital-signs");
            var quantity = observation.Value.Should().BeOfType<Quantity>().Subject;
            quantity.Value.Should().Be(value);
            quantity.System.Should().Be("http://unitsofmeasure.org");
            quantity.Code.Should().Be(unit);
            ((FhirDateTime)observation.Effective).ToDateTimeOffset(TimeSpan.Zero).Should().Be(measuredAt);
            observation.Subject.Reference.Should().Be($"Patient/{patientId}");
            observation.Device.Reference.Should().Be($"Device/{deviceId}");
            observation.Meta.Profile.Should().Contain(profile);
            FhirValidation.ShouldBeValid(observation);
        }

        var spo2 = observations.Single(o => o.Code.Coding[0].Code == "59408-5");
        Examples.Save("observation-spo2", spo2);
        Examples.Save("observation-oxygen-flow", observations.Single(o => o.Code.Coding[0].Code == "3151-8"));
        spo2.Code.Coding.Select(c => c.Code).Should().Contain("2708-6");
        spo2.HasMember.Single().Reference.Should().Be($"Observation/{observations.Single(o => o.Code.Coding[0].Code == "3151-8").Id}");
        spo2.Component.Should().Contain(c => c.Code.Coding[0].Code == "57485005" && ((FhirBoolean)c.Value).Value == true);

        var read = await FhirHost.GetAsync(fhir.Admin, $"/fhir/Observation/{spo2.Id}");
        read.Status.Should().Be(HttpStatusCode.OK);
        read.ETag.Should().Be($"W/\"{spo2.Meta.VersionId}\"");
        FhirValidation.ShouldBeValid(read.As<Observation>());

        var flags = await Eventually.GetAsync(
            () => FhirHost.GetAsync(fhir.Admin, $"/fhir/Flag?patient={patientId}"),
            a => a.Resource is Bundle { Total: > 0 }, "a Flag for the low saturation");
        var flag = (Flag)flags.As<Bundle>().Entry[0].Resource;
        Examples.Save("flag", flag);
        flag.Status.Should().Be(Flag.FlagStatus.Active);
        flag.Code.Coding[0].Should().Match<Coding>(c => c.System == "http://snomed.info/sct" && c.Code == "41236000");
        flag.Code.Coding.Skip(1).Should().OnlyContain(c => c.System == "urn:thuismonitoring:reason").And.Contain(c => c.Code.StartsWith("spo2", StringComparison.Ordinal));
        flag.Subject.Reference.Should().Be($"Patient/{patientId}");
        FhirValidation.ShouldBeValid(flags.As<Bundle>());

        using (var call = await fhir.Admin.PostAsJsonAsync($"/api/alerts/{flag.Id}/calls", new { outcome = "escalated", note = "Benauwd, arts gevraagd" }))
        {
            call.StatusCode.Should().Be(HttpStatusCode.OK, await call.Content.ReadAsStringAsync());
        }

        var communication = await Eventually.GetAsync(
            () => FhirHost.GetAsync(fhir.Admin, $"/fhir/Communication?patient={patientId}"),
            a => a.Resource is Bundle { Total: 1 }, "the escalation as a Communication");
        var sent = (Communication)communication.As<Bundle>().Entry[0].Resource;
        Examples.Save("communication", sent);
        sent.Recipient.Single().Reference.Should().Be($"Practitioner/{clinician}");
        sent.About.Single().Reference.Should().Be($"Flag/{flag.Id}");
        FhirValidation.ShouldBeValid(sent);

        var patient = await FhirHost.GetAsync(fhir.Admin, $"/fhir/Patient/{patientId}");
        Examples.Save("patient", patient.Body);
        patient.As<Patient>().Identifier.Should().ContainSingle(i => i.System == "http://fhir.nl/fhir/NamingSystem/bsn" && i.Value == bsn);
        patient.As<Patient>().Telecom.Should().ContainSingle(t => t.Value == "06 1234 5678");
        patient.ETag.Should().Be($"W/\"{patient.As<Patient>().Meta.VersionId}\"");
        FhirValidation.ShouldBeValid(patient.As<Patient>());

        var episode = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/EpisodeOfCare/{patientId}")).As<EpisodeOfCare>();
        episode.Status.Should().Be(EpisodeOfCare.EpisodeOfCareStatus.Active);
        episode.CareManager.Reference.Should().Be($"Practitioner/{clinician}");
        episode.Type.Single().Coding.Single().Code.Should().Be("early-discharge");
        FhirValidation.ShouldBeValid(episode);
        Examples.Save("episode-of-care", episode);

        var device = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/Device/{deviceId}")).As<Device>();
        Examples.Save("device", device);
        FhirValidation.ShouldBeValid(device);
        FhirValidation.ShouldBeValid((await FhirHost.GetAsync(fhir.Admin, $"/fhir/Practitioner/{clinician}")).As<Practitioner>());
        FhirValidation.ShouldBeValid((await FhirHost.GetAsync(fhir.Admin, $"/fhir/Organization/{organisation}")).As<Organization>());
        FhirValidation.ShouldBeValid((await FhirHost.GetAsync(fhir.Admin, $"/fhir/Flag/{flag.Id}")).As<Flag>());
        FhirValidation.ShouldBeValid((await FhirHost.GetAsync(fhir.Admin, $"/fhir/Communication/{sent.Id}")).As<Communication>());

        var everything = (await FhirHost.GetAsync(fhir.Admin, $"/fhir/Patient/{patientId}/$everything")).As<Bundle>();
        everything.Entry.Select(e => e.Resource.TypeName).Distinct().Should().BeEquivalentTo(
            "Patient", "EpisodeOfCare", "Practitioner", "Organization", "Device", "Observation", "Flag", "Communication");
        FhirValidation.ShouldBeValid(everything);
    }

    [Fact]
    public async Task Metadata_and_errors_are_valid_r4()
    {
        var metadata = await FhirHost.GetAsync(fhir.Host.Http, "/fhir/metadata");
        metadata.Status.Should().Be(HttpStatusCode.OK);
        var statement = metadata.As<CapabilityStatement>();
        statement.Rest.Single().Resource.Select(r => r.Type).Should().BeEquivalentTo(
            "Patient", "Observation", "Flag", "Communication", "EpisodeOfCare", "Device", "Practitioner", "Organization", "ServiceRequest", "Consent", "Subscription");
        FhirValidation.ShouldBeValid(statement);
        Examples.Save("metadata", metadata.Body);

        var missing = await FhirHost.GetAsync(fhir.Admin, "/fhir/Patient/doesnotexist");
        missing.Status.Should().Be(HttpStatusCode.NotFound);
        FhirValidation.ShouldBeValid(missing.As<OperationOutcome>());

        var anonymous = await FhirHost.GetAsync(fhir.Host.Http, "/fhir/Patient");
        anonymous.Status.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.As<OperationOutcome>().Issue.Single().Code.Should().Be(OperationOutcome.IssueType.Login);

        var unknown = await FhirHost.GetAsync(fhir.Admin, "/fhir/MedicationRequest");
        unknown.Status.Should().Be(HttpStatusCode.NotFound);
        unknown.As<OperationOutcome>();
    }
}
