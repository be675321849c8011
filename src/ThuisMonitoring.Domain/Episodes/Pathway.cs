namespace ThuisMonitoring.Domain.Episodes;

/// <summary>How the patient entered home monitoring.</summary>
public enum Pathway
{
    EarlyDischarge,
    EmergencyDepartment,
    GeneralPractice,
}

public static class PathwayNames
{
    public static string ToCode(this Pathway pathway) => pathway switch
    {
        Pathway.EarlyDischarge => "early-discharge",
        Pathway.EmergencyDepartment => "emergency-department",
        _ => "general-practice",
    };

    public static bool TryParse(string? code, out Pathway pathway)
    {
        switch (code)
        {
            case "early-discharge": pathway = Pathway.EarlyDischarge; return true;
            case "emergency-department": pathway = Pathway.EmergencyDepartment; return true;
            case "general-practice": pathway = Pathway.GeneralPractice; return true;
            default: pathway = default; return false;
        }
    }
}
