using Hl7.Fhir.Model;
using ThuisMonitoring.Fhir.Http;

namespace ThuisMonitoring.Fhir.Reads;

/// <summary>
/// <c>GET /fhir/metadata</c>: the CapabilityStatement, listing exactly the interactions, search parameters and operation
/// this server supports (and nothing else).
/// </summary>
internal static class Metadata
{
    private static readonly DateTimeOffset Published = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static FhirResult Answer() => new(Statement());

    public static CapabilityStatement Statement()
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Bearer tokens from POST /api/auth/token; a caller sees only the patients they may see (others are 404).",
            Security = new CapabilityStatement.SecurityComponent { Cors = false, Description = "OAuth-style bearer token (JWT) of a staff user: admin, nurse or clinician." },
            Interaction = [new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction, Documentation = "Enrolment: a Patient, a ServiceRequest (the responsible clinician by username or AGB code), optionally the patient's Consent, and optional ward Observations (docs/fhir.md)." }],
        };
        rest.Resource.Add(Resource(ResourceType.Patient, true, [("identifier", SearchParamType.Token), ("_id", SearchParamType.Token)],
            "http://hl7.org/fhir/StructureDefinition/Patient", create: true, everything: true));
        rest.Resource.Add(Resource(ResourceType.Observation, true,
            [("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference), ("code", SearchParamType.Token), ("date", SearchParamType.Date), ("category", SearchParamType.Token)],
            "http://hl7.org/fhir/StructureDefinition/Observation", supportedProfiles:
            ["http://hl7.org/fhir/StructureDefinition/vitalsigns", "http://hl7.org/fhir/StructureDefinition/oxygensat", "http://hl7.org/fhir/StructureDefinition/heartrate",
             "http://hl7.org/fhir/StructureDefinition/resprate", "http://hl7.org/fhir/StructureDefinition/bodytemp"], create: true));
        rest.Resource.Add(Resource(ResourceType.Flag, true, [("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference), ("status", SearchParamType.Token)], "http://hl7.org/fhir/StructureDefinition/Flag"));
        rest.Resource.Add(Resource(ResourceType.Communication, true, [("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference), ("status", SearchParamType.Token)], "http://hl7.org/fhir/StructureDefinition/Communication"));
        rest.Resource.Add(Resource(ResourceType.EpisodeOfCare, true, [("patient", SearchParamType.Reference), ("status", SearchParamType.Token)], "http://hl7.org/fhir/StructureDefinition/EpisodeOfCare"));
        rest.Resource.Add(Resource(ResourceType.Device, true, [("patient", SearchParamType.Reference)], "http://hl7.org/fhir/StructureDefinition/Device"));
        rest.Resource.Add(Resource(ResourceType.Practitioner, false, [], "http://hl7.org/fhir/StructureDefinition/Practitioner"));
        rest.Resource.Add(Resource(ResourceType.Organization, false, [], "http://hl7.org/fhir/StructureDefinition/Organization"));
        rest.Resource.Add(Resource(ResourceType.ServiceRequest, false, [], "http://hl7.org/fhir/StructureDefinition/ServiceRequest", create: true, read: false));
        rest.Resource.Add(Resource(ResourceType.Consent, false, [], "http://hl7.org/fhir/StructureDefinition/Consent", create: true, read: false));
        var subscription = Resource(ResourceType.Subscription, false, [], "http://hl7.org/fhir/StructureDefinition/Subscription", create: true);
        subscription.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Delete });
        subscription.Interaction.Single(i => i.Code == CapabilityStatement.TypeRestfulInteraction.Create).Documentation =
            "rest-hook on Flag (criteria Flag or Flag?patient={id}); the Flag is POSTed to channel.endpoint with X-Notification-Id and an HMAC X-Signature.";
        rest.Resource.Add(subscription);

        return new CapabilityStatement
        {
            Id = "thuismonitoring",
            Url = "urn:thuismonitoring:capabilitystatement",
            Name = "ThuisMonitoring",
            Title = "ThuisMonitoring FHIR R4 server",
            Status = PublicationStatus.Active,
            Experimental = false,
            DateElement = new FhirDateTime(Published),
            Publisher = "ThuisMonitoring",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "ThuisMonitoring" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Home monitoring of COVID-19 patients on oxygen" },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json"],
            Rest = [rest],
        };
    }

    internal static CapabilityStatement.ResourceComponent Resource(
        ResourceType type, bool search, IEnumerable<(string Name, SearchParamType Type)> parameters, string profile,
        IEnumerable<string>? supportedProfiles = null, bool create = false, bool everything = false, bool read = true)
    {
        var resource = new CapabilityStatement.ResourceComponent { Type = type.ToString(), Profile = profile, Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned, ReadHistory = false };
        if (read)
        {
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read });
        }

        if (search)
        {
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
            foreach (var (name, kind) in parameters)
            {
                resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = name, Type = kind });
            }

            resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = "_count", Type = SearchParamType.Number });
        }

        if (create)
        {
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create, Documentation = "Only inside the enrolment transaction Bundle (POST /fhir)." });
            resource.ConditionalCreate = type == ResourceType.Patient;
        }

        if (everything)
        {
            resource.Operation.Add(new CapabilityStatement.OperationComponent { Name = "everything", Definition = "http://hl7.org/fhir/OperationDefinition/Patient-everything" });
        }

        resource.SupportedProfile = supportedProfiles?.ToList() ?? [];
        return resource;
    }
}
