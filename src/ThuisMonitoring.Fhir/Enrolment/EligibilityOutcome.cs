using Hl7.Fhir.Model;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Web.Api;

namespace ThuisMonitoring.Fhir.Enrolment;

/// <summary>The eligibility check of an enrolment as an OperationOutcome of severity information: the verdict, then one issue per criterion.</summary>
internal static class EligibilityOutcome
{
    public static OperationOutcome From(EligibilityDto? eligibility)
    {
        if (eligibility is null)
        {
            return Outcomes.Of([Outcomes.Issue(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Incomplete,
                "The eligibility check could not be run; the patient is enrolled.")]);
        }

        var issues = new List<OperationOutcome.IssueComponent>
        {
            Outcomes.Issue(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational,
                eligibility.Eligible
                    ? $"Eligible for {eligibility.Pathway} (protocol {eligibility.ProtocolId})."
                    : $"Not eligible for {eligibility.Pathway} (protocol {eligibility.ProtocolId}): enrolled anyway, review the criteria."),
        };
        foreach (var criterion in eligibility.Criteria)
        {
            var met = criterion.Met switch { true => "met", false => "not met", null => "not assessed" };
            var issue = Outcomes.Issue(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational, $"{criterion.Code}: {met}. {criterion.Detail}");
            issue.Details = new CodeableConcept("urn:thuismonitoring:eligibility", criterion.Code, met);
            issues.Add(issue);
        }

        return Outcomes.Of(issues);
    }
}
