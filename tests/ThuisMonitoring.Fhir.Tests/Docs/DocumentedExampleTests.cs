using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Tests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.Fhir.Tests.Docs;

/// <summary>
/// The examples of docs/fhir.md (copied from what the tests wrote to artifacts/fhir-examples/) stay true: each one is
/// FHIR R4 JSON the strict parser reads without a problem and Firely's validator finds no error in, and the enrolment
/// Bundle shown is one the reader accepts in shape (Patient, ServiceRequest, Consent, Observations).
/// </summary>
public sealed partial class DocumentedExampleTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "fhir.md"));

    public static TheoryData<string> Headings()
    {
        var data = new TheoryData<string>();
        foreach (Match match in Example().Matches(Document))
        {
            data.Add(match.Groups["heading"].Value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Headings))]
    public void Every_documented_example_is_valid_r4(string heading)
    {
        var json = Example().Matches(Document).Single(m => m.Groups["heading"].Value == heading).Groups["json"].Value;

        var resource = FhirJson.Parse(json, out var problems);

        problems.Should().BeEmpty(heading);
        resource.Should().NotBeNull(heading);
        FhirValidation.ShouldBeValid(resource!);
    }

    [Fact]
    public void The_documented_enrolment_bundle_holds_an_explicit_consent()
    {
        var json = Example().Matches(Document).Single(m => m.Groups["heading"].Value.StartsWith("Enrolment Bundle", StringComparison.Ordinal)).Groups["json"].Value;

        var bundle = (Bundle)FhirJson.Parse(json, out _)!;

        bundle.Entry.Select(e => e.Resource.TypeName).Should().Contain(["Patient", "ServiceRequest", "Consent", "Observation"]);
        var consent = bundle.Entry.Select(e => e.Resource).OfType<Consent>().Single();
        consent.Status.Should().Be(Consent.ConsentState.Active);
        consent.Patient.Reference.Should().Be(bundle.Entry.Single(e => e.Resource is Patient).FullUrl);
    }

    [GeneratedRegex(@"^### (?<heading>[^\n]+)\n(?:(?!^###)[\s\S])*?```json\n(?<json>[\s\S]*?)\n```", RegexOptions.Multiline)]
    private static partial Regex Example();
}
