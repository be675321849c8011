namespace ThuisMonitoring.Domain.Calls;

/// <summary>What came of the nurse's call to the patient about an alert.</summary>
public enum CallOutcome
{
    /// <summary>Advice given; the patient stays at home and the alert is resolved.</summary>
    ResolvedAtHome,

    /// <summary>The patient measures again; the nurse keeps the alert and calls back.</summary>
    Remeasure,

    /// <summary>The case goes to the responsible clinician (GP or specialist), who takes it over.</summary>
    Escalated,

    /// <summary>Ambulance or emergency department; the alert is resolved and the clinician informed.</summary>
    EmergencyReferral,

    /// <summary>The patient did not answer; the alert goes back to the queue and is called again after the retry time.</summary>
    Unreachable,
}

/// <summary>Codes of <see cref="CallOutcome"/> as the API and the timeline write them.</summary>
public static class CallOutcomeCodes
{
    private static readonly Dictionary<CallOutcome, string> Codes = new()
    {
        [CallOutcome.ResolvedAtHome] = "resolved-at-home",
        [CallOutcome.Remeasure] = "remeasure",
        [CallOutcome.Escalated] = "escalated",
        [CallOutcome.EmergencyReferral] = "emergency-referral",
        [CallOutcome.Unreachable] = "unreachable",
    };

    /// <summary>Every code, in the order the console offers them.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Codes.Values];

    public static string ToCode(this CallOutcome outcome) => Codes[outcome];

    public static bool TryParse(string? code, out CallOutcome outcome)
    {
        foreach (var (value, text) in Codes)
        {
            if (text == code)
            {
                outcome = value;
                return true;
            }
        }

        outcome = default;
        return false;
    }
}
