namespace ThuisMonitoring.Fhir.Resources;

/// <summary>The code systems and naming systems of /fhir (docs/fhir.md lists them).</summary>
public static class CodeSystems
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string FlagCategory = "http://terminology.hl7.org/CodeSystem/flag-category";
    public const string FlagPriority = "http://terminology.hl7.org/CodeSystem/flag-priority-code";
    public const string FlagPriorityExtension = "http://hl7.org/fhir/StructureDefinition/flag-priority";
    public const string Bsn = "http://fhir.nl/fhir/NamingSystem/bsn";
    public const string Agb = "http://fhir.nl/fhir/NamingSystem/agb-z";
    public const string Username = "urn:thuismonitoring:username";
    public const string Pathway = "urn:thuismonitoring:pathway";
    public const string Reason = "urn:thuismonitoring:reason";
    public const string PatientIdentifier = "urn:thuismonitoring:identifier";
    public const string DeviceId = "urn:thuismonitoring:device";
    public const string Organisation = "urn:thuismonitoring:organisation";
    public const string DeviceKind = "urn:thuismonitoring:device-kind";
    public const string ConsentScope = "http://terminology.hl7.org/CodeSystem/consentscope";

    /// <summary>LOINC 59284-0 "Patient Consent": the category of the enrolment's Consent.</summary>
    public const string PatientConsent = "59284-0";

    /// <summary>SNOMED CT 41236000 "abnormal vital signs": the code of every Flag.</summary>
    public const string AbnormalVitalSigns = "41236000";

    /// <summary>SNOMED CT 719858009 "monitoren via telegeneeskunde" (telemonitoring): the code of an enrolment's ServiceRequest.</summary>
    public const string Telemonitoring = "719858009";

    /// <summary>SNOMED CT 57485005 "oxygen therapy": the zib O2Saturation's ExtraOxygenAdministration, as a component of the SpO2 Observation.</summary>
    public const string OxygenTherapy = "57485005";
}
