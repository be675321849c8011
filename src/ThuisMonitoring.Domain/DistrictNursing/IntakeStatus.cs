namespace ThuisMonitoring.Domain.DistrictNursing;

/// <summary>Where an intake request stands: sent to the team, then accepted or declined by it.</summary>
public enum IntakeStatus
{
    Requested,
    Accepted,
    Declined,
}

public static class IntakeStatusNames
{
    public static string ToCode(this IntakeStatus status) => status switch
    {
        IntakeStatus.Requested => "requested",
        IntakeStatus.Accepted => "accepted",
        _ => "declined",
    };

    public static bool TryParse(string? code, out IntakeStatus status)
    {
        switch (code)
        {
            case "requested": status = IntakeStatus.Requested; return true;
            case "accepted": status = IntakeStatus.Accepted; return true;
            case "declined": status = IntakeStatus.Declined; return true;
            default: status = default; return false;
        }
    }
}
