using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ThuisMonitoring.Fhir.Http;

/// <summary>The one FHIR JSON format of the adapter: Firely's R4 serializer and a strict deserializer that names each problem's location.</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    private static readonly BaseFhirJsonDeserializer Deserializer = new(ModelInfo.ModelInspector, new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public static string Serialize(Resource resource) => Serializer.SerializeToString(resource);

    /// <summary>The resource, or null with the parser's problems (each with its location in the document).</summary>
    public static Resource? Parse(string json, out IReadOnlyList<(string Location, string Message)> problems) =>
        OnlyWhenClean(ParsePartial(json, out problems), problems);

    /// <summary>
    /// The resource as far as it could be read (null when not at all) and the parser's problems: a caller that checks
    /// the resource itself can then name its own problems beside the parser's.
    /// </summary>
    public static Resource? ParsePartial(string json, out IReadOnlyList<(string Location, string Message)> problems)
    {
        try
        {
            var resource = Deserializer.DeserializeResource(json);
            problems = [];
            return resource;
        }
        catch (DeserializationFailedException failed)
        {
            problems = failed.Exceptions.Select(e => (LocationOf(e), e.Message)).ToList();
            return failed.PartialResult as Resource;
        }
        catch (System.Text.Json.JsonException invalid)
        {
            problems = [("Bundle", $"The body is not JSON: {invalid.Message}")];
            return null;
        }
    }

    private static Resource? OnlyWhenClean(Resource? resource, IReadOnlyList<(string Location, string Message)> problems) =>
        problems.Count == 0 ? resource : null;

    private static string LocationOf(Hl7.Fhir.Utility.CodedException exception) =>
        exception is Hl7.Fhir.Utility.ExtendedCodedException { InstancePath: { Length: > 0 } path } ? path : "Bundle";
}
