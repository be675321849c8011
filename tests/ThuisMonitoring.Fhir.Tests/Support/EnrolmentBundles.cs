using Hl7.Fhir.Model;

namespace ThuisMonitoring.Fhir.Tests.Support;

/// <summary>Enrolment transaction Bundles as a hospital sends them (CONTRACT section 5), built with the Firely models.</summary>
public static class EnrolmentBundles
{
    public const string PatientUrl = "urn:uuid:8c1f3f0e-2b1a-4f4e-9a51-0c6c2f5f7a01";

    public const string ConsentUrl = "urn:uuid:5d2c6a1e-7f3b-4e0a-9c2d-3b8e1f4a6c03";

    /// <summary>
    /// A Patient (with BSN when given), the monitoring order for the clinician (by username, or by AGB code when
    /// <paramref name="clinicianSystem"/> says so), ward Observations at <paramref name="wardAt"/> and, last, the
    /// patient's explicit Consent to telemonitoring (given an hour ago).
    /// </summary>
    public static Bundle Enrolment(
        string clinician, string? bsn, DateTimeOffset wardAt, string pathway = "early-discharge", string? phone = "06 1234 5678",
        string clinicianSystem = "urn:thuismonitoring:username")
    {
        var patient = new Patient
        {
            Name = [new HumanName { Family = "Jansen", Given = ["Anna"] }],
            BirthDate = "1956-04-12",
        };
        if (bsn is not null)
        {
            patient.Identifier.Add(new Identifier("http://fhir.nl/fhir/NamingSystem/bsn", bsn));
        }

        if (phone is not null)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, phone));
        }

        var order = new ServiceRequest
        {
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Code = new CodeableConcept("http://snomed.info/sct", "719858009", "monitoren via telegeneeskunde", null),
            Category = [new CodeableConcept("urn:thuismonitoring:pathway", pathway)],
            Subject = new ResourceReference(PatientUrl),
            Performer = [new ResourceReference { Type = "Practitioner", Identifier = new Identifier(clinicianSystem, clinician) }],
            SupportingInfo = [new ResourceReference(ConsentUrl)],
        };
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = PatientUrl,
            Resource = patient,
            Request = new Bundle.RequestComponent
            {
                Method = Bundle.HTTPVerb.POST,
                Url = "Patient",
                IfNoneExist = bsn is null ? null : $"identifier=http://fhir.nl/fhir/NamingSystem/bsn|{bsn}",
            },
        });
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:0e0b7d7c-4f2d-4c55-b7de-6f1d8e3b9a02", Resource = order, Request = Post("ServiceRequest") });
        foreach (var observation in Ward(wardAt))
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = observation, Request = Post("Observation") });
        }

        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = ConsentUrl, Resource = Consent(DateTimeOffset.UtcNow.AddHours(-1)), Request = Post("Consent") });
        return bundle;
    }

    /// <summary>The patient's informed consent to telemonitoring, given at <paramref name="givenAt"/> (an opt-in permit).</summary>
    public static Consent Consent(DateTimeOffset givenAt) => new()
    {
        Status = Hl7.Fhir.Model.Consent.ConsentState.Active,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "treatment"),
        Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent", null)],
        Patient = new ResourceReference(PatientUrl),
        DateTimeElement = new FhirDateTime(givenAt),
        PolicyRule = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN"),
        Provision = new Hl7.Fhir.Model.Consent.provisionComponent { Type = Hl7.Fhir.Model.Consent.ConsentProvisionType.Permit },
    };

    /// <summary>The ward's last values: SpO2 95 %, heart rate 80, respiratory rate 18, temperature 37.2 °C, oxygen 1 L/min.</summary>
    public static IEnumerable<Observation> Ward(DateTimeOffset at)
    {
        yield return Vital("59408-5", 95m, "%", at);
        yield return Vital("8867-4", 80m, "/min", at);
        yield return Vital("9279-1", 18m, "/min", at);
        yield return Vital("8310-5", 37.2m, "Cel", at);
        yield return Vital("3151-8", 1m, "L/min", at);
    }

    public static Observation Vital(string loinc, decimal value, string unit, DateTimeOffset at) => new()
    {
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
        Code = new CodeableConcept("http://loinc.org", loinc),
        Subject = new ResourceReference(PatientUrl),
        Effective = new FhirDateTime(at),
        Value = new Quantity { Value = value, System = "http://unitsofmeasure.org", Code = unit, Unit = unit },
    };

    /// <summary>A BSN that passes the eleven test, different on every call.</summary>
    public static string NewBsn()
    {
        while (true)
        {
            var digits = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 8; i++)
            {
                sum += (digits[i] - '0') * (9 - i);
            }

            var last = sum % 11;
            if (last < 10)
            {
                return digits + last.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    private static Bundle.RequestComponent Post(string url) => new() { Method = Bundle.HTTPVerb.POST, Url = url };
}
