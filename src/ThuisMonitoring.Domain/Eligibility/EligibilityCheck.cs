using System.Globalization;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Eligibility;

/// <summary>
/// PROTOCOL.md section 1. Early discharge: stable for 24 h (no red and at most one orange evaluation, oxygen need not
/// rising, respiratory rate at most 24 on every value) with clinical improvement; the latest SpO2 at least 94 on at
/// most 3 L/min; the patient can measure and report; a concentrator at home. Emergency department: haemodynamically
/// stable, latest respiratory rate below 20 and SpO2 above 92 on at most 3 L/min, past illness day 9, no
/// invasive-ventilation policy. General practice: no criteria on values.
/// </summary>
public static class EligibilityCheck
{
    public static EligibilityResult Check(EligibilityRequest request, ProtocolDocument protocol)
    {
        var values = request.Values.Where(v => v.MeasuredAt <= request.AsOf).OrderBy(v => v.MeasuredAt).ToList();
        var criteria = request.Pathway switch
        {
            Pathway.EarlyDischarge => EarlyDischarge(request, values, protocol),
            Pathway.EmergencyDepartment => EmergencyDepartment(request, values, protocol),
            _ => [new EligibilityCriterion("no-criteria-on-values", true, "General-practice pathway: risk patients with COVID symptoms, no oxygen requirement needed.")],
        };
        return new EligibilityResult(request.Pathway, request.AsOf, criteria, protocol.Id);
    }

    private static List<EligibilityCriterion> EarlyDischarge(EligibilityRequest request, List<Measurement> values, ProtocolDocument protocol)
    {
        var c = protocol.Eligibility.EarlyDischarge;
        var window = values.Where(v => v.MeasuredAt >= request.AsOf - c.StableFor).ToList();
        var criteria = new List<EligibilityCriterion>();

        var covered = values.Count > 0 && values[0].MeasuredAt <= request.AsOf - c.StableFor;
        criteria.Add(new("stable-period-covered", covered, covered
            ? $"Values cover the last {c.StableFor.TotalHours:0} h."
            : $"Values must cover at least the last {c.StableFor.TotalHours:0} h; they start {Since(values, request.AsOf)}."));

        var evaluations = window.Select(v => ProtocolEvaluator.Evaluate(v, protocol, new OxygenPrescription(FlowOf(v, request)))).ToList();
        var reds = evaluations.Count(e => e.Level == Level.Red);
        var oranges = evaluations.Count(e => e.Level == Level.Orange);
        criteria.Add(new("no-red", reds == 0, $"{reds} red evaluation(s) in the last {c.StableFor.TotalHours:0} h."));
        criteria.Add(new("at-most-one-orange", oranges <= c.MaxOrangeEvaluations,
            $"{oranges} orange evaluation(s); at most {c.MaxOrangeEvaluations} allowed."));

        var highestRate = window.Max(v => v.RespiratoryRate);
        criteria.Add(new("respiratory-rate", highestRate is null ? null : highestRate <= c.RespiratoryRateAtMost,
            highestRate is null ? "No respiratory rate given." : $"Highest respiratory rate {highestRate}/min; at most {c.RespiratoryRateAtMost}."));

        var firstFlow = window.Count > 0 ? FlowOf(window[0], request) : (double?)null;
        var lastFlow = window.Count > 0 ? FlowOf(window[^1], request) : (double?)null;
        criteria.Add(new("oxygen-need-not-rising", firstFlow is null ? null : lastFlow <= firstFlow,
            firstFlow is null ? "No values." : $"Flow {Flow(firstFlow.Value)} → {Flow(lastFlow!.Value)} L/min."));

        criteria.Add(Spo2OnFlow(window, request, v => v >= c.Spo2AtLeast, $"at least {c.Spo2AtLeast}%", c.MaxOxygenFlow));
        criteria.Add(Stated("clinically-improving", request.ClinicallyImproving, "Overall clinical improvement"));
        criteria.Add(Stated("can-measure-and-report", request.CanMeasureAndReport, "The patient or household can measure and report"));
        criteria.Add(Stated("concentrator-at-home", request.ConcentratorAtHome, "A concentrator is available at home"));
        return criteria;
    }

    private static List<EligibilityCriterion> EmergencyDepartment(EligibilityRequest request, List<Measurement> values, ProtocolDocument protocol)
    {
        var c = protocol.Eligibility.EmergencyDepartment;
        var lastRate = values.LastOrDefault(v => v.RespiratoryRate is not null)?.RespiratoryRate;
        return
        [
            Stated("haemodynamically-stable", request.HaemodynamicallyStable, "Haemodynamically stable"),
            new("respiratory-rate", lastRate is null ? null : lastRate < c.RespiratoryRateBelow,
                lastRate is null ? "No respiratory rate given." : $"Respiratory rate {lastRate}/min; must be below {c.RespiratoryRateBelow}."),
            Spo2OnFlow(values, request, v => v > c.Spo2Above, $"above {c.Spo2Above}%", c.MaxOxygenFlow),
            new("past-illness-day", request.IllnessDay is { } day ? day > c.IllnessDayAfter : null,
                request.IllnessDay is { } d ? $"Illness day {d}; must be past day {c.IllnessDayAfter}." : "Illness day not given."),
            new("no-invasive-ventilation-policy", request.InvasiveVentilationPolicy is { } policy ? !policy : null,
                request.InvasiveVentilationPolicy is null ? "Ventilation policy not given."
                : request.InvasiveVentilationPolicy.Value ? "An invasive-ventilation policy applies." : "No invasive-ventilation policy."),
        ];
    }

    private static EligibilityCriterion Spo2OnFlow(
        List<Measurement> values, EligibilityRequest request, Func<int, bool> spo2Holds, string spo2Rule, double maxFlow)
    {
        if (values.LastOrDefault(v => v.Spo2 is not null) is not { } last)
        {
            return new("spo2-on-limited-oxygen", null, "No SpO2 given.");
        }

        var flow = FlowOf(last, request);
        return new("spo2-on-limited-oxygen", spo2Holds(last.Spo2!.Value) && flow <= maxFlow,
            $"Latest SpO2 {last.Spo2}% on {Flow(flow)} L/min; must be {spo2Rule} on at most {Flow(maxFlow)} L/min.");
    }

    private static EligibilityCriterion Stated(string code, bool? value, string what) =>
        new(code, value, value switch { true => $"{what}: yes.", false => $"{what}: no.", _ => $"{what}: not stated." });

    private static double FlowOf(Measurement value, EligibilityRequest request) => value.OxygenFlow ?? request.PrescribedFlow;

    private static string Since(List<Measurement> values, DateTimeOffset asOf) =>
        values.Count == 0 ? "nowhere (no values)" : $"{(asOf - values[0].MeasuredAt).TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h before";

    private static string Flow(double flow) => flow.ToString("0.#", CultureInfo.InvariantCulture);
}
