namespace ThuisMonitoring.Domain.Alerts;

/// <summary>Where an alert is in the nurse's workflow.</summary>
public enum AlertStatus
{
    Open,
    Acknowledged,
    Resolved,
}

public static class AlertStatusNames
{
    public static string ToCode(this AlertStatus status) => status switch
    {
        AlertStatus.Open => "open",
        AlertStatus.Acknowledged => "acknowledged",
        _ => "resolved",
    };

    public static bool TryParse(string? code, out AlertStatus status)
    {
        switch (code)
        {
            case "open": status = AlertStatus.Open; return true;
            case "acknowledged": status = AlertStatus.Acknowledged; return true;
            case "resolved": status = AlertStatus.Resolved; return true;
            default: status = default; return false;
        }
    }
}
