using Hl7.Fhir.Model;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>References between our resources, by id where the id is a valid FHIR id, else by identifier.</summary>
public static class References
{
    public static ResourceReference Patient(string patientId) => new($"Patient/{patientId}");

    public static ResourceReference Practitioner(string username, string? display = null) => FhirIds.IsValid(username)
        ? new ResourceReference($"Practitioner/{username}", display)
        : new ResourceReference { Type = "Practitioner", Identifier = new Identifier(CodeSystems.Username, username), Display = display };

    public static ResourceReference? Organization(string? organisation) => organisation is null ? null : FhirIds.IsValid(organisation)
        ? new ResourceReference($"Organization/{organisation}")
        : new ResourceReference { Type = "Organization", Identifier = new Identifier(CodeSystems.Organisation, organisation) };

    public static ResourceReference Device(string deviceId) => FhirIds.IsValid(deviceId)
        ? new ResourceReference($"Device/{deviceId}")
        : new ResourceReference { Type = "Device", Identifier = new Identifier(CodeSystems.DeviceId, deviceId) };
}
