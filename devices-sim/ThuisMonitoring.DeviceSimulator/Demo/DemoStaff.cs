using ThuisMonitoring.DeviceSimulator.Api;

namespace ThuisMonitoring.DeviceSimulator.Demo;

/// <summary>
/// The demo region: a regional monitoring centre that serves a hospital and a GP practice, with a nurse of the
/// centre, a GP of the practice and a pulmonologist of the hospital.
/// </summary>
public static class DemoStaff
{
    public const string Nurse = "verpleegkundige";
    public const string GeneralPractitioner = "huisarts";
    public const string Pulmonologist = "longarts";
    public const string Centre = "thuismonitoring-regio-oost";
    public const string Practice = "huisartsenpraktijk-de-linde";
    public const string Hospital = "ziekenhuis-rijnstad";

    /// <summary>The organisations to create; the centre serves the other two.</summary>
    public static IReadOnlyList<NewOrganisation> Organisations { get; } =
    [
        new(Centre, "Thuismonitoringscentrum Regio Oost", "monitoring-centre"),
        new(Hospital, "Ziekenhuis Rijnstad", "hospital"),
        new(Practice, "Huisartsenpraktijk De Linde", "general-practice"),
    ];

    /// <summary>The organisations <see cref="Centre"/> serves.</summary>
    public static IReadOnlyList<string> ClientsOfCentre { get; } = [Hospital, Practice];

    /// <summary>The users to create, all with the same password.</summary>
    public static IReadOnlyList<NewUser> Users(string password) =>
    [
        new(Nurse, password, "nurse", "Anouk de Vries", Centre),
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
