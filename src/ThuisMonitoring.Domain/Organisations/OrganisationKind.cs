namespace ThuisMonitoring.Domain.Organisations;

/// <summary>What an organisation of the region is (CONTRACT section 7).</summary>
public enum OrganisationKind
{
    Hospital,
    GeneralPractice,
    MonitoringCentre,

    /// <summary>A district-nursing organisation (wijkverpleging): its teams take patients home care asks them to (issue 16).</summary>
    DistrictNursing,
}

public static class OrganisationKindNames
{
    public static IReadOnlyList<string> All { get; } = ["hospital", "general-practice", "monitoring-centre", "district-nursing"];

    public static string ToCode(this OrganisationKind kind) => kind switch
    {
        OrganisationKind.Hospital => "hospital",
        OrganisationKind.GeneralPractice => "general-practice",
        OrganisationKind.DistrictNursing => "district-nursing",
        _ => "monitoring-centre",
    };

    public static bool TryParse(string? code, out OrganisationKind kind)
    {
        switch (code)
        {
            case "hospital": kind = OrganisationKind.Hospital; return true;
            case "general-practice": kind = OrganisationKind.GeneralPractice; return true;
            case "monitoring-centre": kind = OrganisationKind.MonitoringCentre; return true;
            case "district-nursing": kind = OrganisationKind.DistrictNursing; return true;
            default: kind = default; return false;
        }
    }
}
