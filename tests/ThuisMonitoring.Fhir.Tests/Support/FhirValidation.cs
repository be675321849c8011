using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace ThuisMonitoring.Fhir.Tests.Support;

/// <summary>
/// Firely's validator on the base R4 specification (Hl7.Fhir.Specification.Data.R4): a resource is valid when neither
/// its base profile nor any profile it claims (vital-signs) reports an error.
/// </summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source, new LocalTerminologyService(source));
    });

    /// <summary>Every error-level issue of the resource, its contained Bundle entries included, against base R4 and its claimed profiles.</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        var errors = new List<string>();
        Collect(resource, errors);
        return errors;
    }

    public static void ShouldBeValid(Resource resource)
    {
        var errors = Errors(resource);
        errors.Should().BeEmpty($"{resource.TypeName}/{resource.Id} must be valid R4; errors:\n{string.Join("\n", errors)}\n{ThuisMonitoring.Fhir.Http.FhirJson.Serialize(resource)}");
    }

    private static void Collect(Resource resource, List<string> errors)
    {
        var profiles = resource.Meta?.Profile?.ToList() ?? [];
        var outcomes = new List<OperationOutcome> { Shared.Value.Validate(resource) };
        outcomes.AddRange(profiles.Select(p => Shared.Value.Validate(resource, p)));
        errors.AddRange(outcomes.SelectMany(o => o.Issue)
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName}/{resource.Id}: {string.Join(",", i.Expression ?? [])} {i.Details?.Text ?? i.Diagnostics}")
            .Distinct());
    }
}
