using ThuisMonitoring.DeviceSimulator.Api;

namespace ThuisMonitoring.DeviceSimulator.Demo;

/// <summary>The staff of the demo region: a monitoring-centre nurse, a GP and a pulmonologist.</summary>
public static class DemoStaff
{
    public const string Nurse = "verpleegkundige";
    public const string GeneralPractitioner = "huisarts";
    public const string Pulmonologist = "longarts";
    public const string Practice = "Huisartsenpraktijk De Linde";
    public const string Hospital = "Ziekenhuis Rijnstad";

    /// <summary>The users to create, all with the same password.</summary>
    public static IReadOnlyList<NewUser> Users(string password) =>
    [
        new(Nurse, password, "nurse", "Anouk de Vries", "Thuismonitoringscentrum " + Hospital),
        new(GeneralPractitioner, password, "clinician", "Dr. M. Bakker, huisarts", Practice),
        new(Pulmonologist, password, "clinician", "Dr. S. Jansen, longarts", Hospital),
    ];

    /// <summary>
    /// Who is responsible on a pathway: the hospital specialist after early discharge or from the emergency
    /// department, the GP on the pre-clinical GP pathway.
    /// </summary>
    public static string ResponsibleFor(string pathway) =>
        pathway == "general-practice" ? GeneralPractitioner : Pulmonologist;
}
