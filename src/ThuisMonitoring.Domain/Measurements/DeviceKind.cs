namespace ThuisMonitoring.Domain.Measurements;

/// <summary>What sends the measurements: a saturation meter or the patient app.</summary>
public enum DeviceKind
{
    Oximeter,
    PatientApp,
}

public static class DeviceKindNames
{
    public static string ToCode(this DeviceKind kind) => kind == DeviceKind.Oximeter ? "oximeter" : "patient-app";

    public static bool TryParse(string? code, out DeviceKind kind)
    {
        switch (code)
        {
            case "oximeter": kind = DeviceKind.Oximeter; return true;
            case "patient-app": kind = DeviceKind.PatientApp; return true;
            default: kind = default; return false;
        }
    }
}
