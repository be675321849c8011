using System.Text.Json;
using Hl7.Fhir.Model;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.Fhir.Tests.Support;

/// <summary>Writes the JSON a test sent or received to artifacts/fhir-examples/, the source of the examples in docs/fhir.md.</summary>
public static class Examples
{
    public static void Save(string name, Resource resource) => Save(name, FhirJson.Serialize(resource));

    public static void Save(string name, string json)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "artifacts", "fhir-examples");
        Directory.CreateDirectory(directory);
        using var document = JsonDocument.Parse(json);
        File.WriteAllText(Path.Combine(directory, $"{name}.json"), JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
