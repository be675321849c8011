namespace ThuisMonitoring.Domain.Measurements;

/// <summary>How the patient says they feel, compared with the last time.</summary>
public enum Feeling
{
    Better,
    Same,
    Worse,
    MuchWorse,
}

/// <summary>The wire names of <see cref="Feeling"/> (kebab-case, as in the contract).</summary>
public static class FeelingNames
{
    public static string ToCode(this Feeling feeling) => feeling switch
    {
        Feeling.Better => "better",
        Feeling.Same => "same",
        Feeling.Worse => "worse",
        Feeling.MuchWorse => "much-worse",
        _ => throw new ArgumentOutOfRangeException(nameof(feeling)),
    };

    public static bool TryParse(string? code, out Feeling feeling)
    {
        switch (code)
        {
            case "better": feeling = Feeling.Better; return true;
            case "same": feeling = Feeling.Same; return true;
            case "worse": feeling = Feeling.Worse; return true;
            case "much-worse": feeling = Feeling.MuchWorse; return true;
            default: feeling = default; return false;
        }
    }
}
