namespace ThuisMonitoring.DeviceSimulator.Scenarios;

/// <summary>What is bound to the patient: a pulse oximeter, or the patient app.</summary>
public enum DeviceKind
{
    Oximeter,
    PatientApp,
}

/// <summary>Wire names of <see cref="DeviceKind"/>.</summary>
public static class DeviceKindNames
{
    public static string ToCode(this DeviceKind kind) => kind == DeviceKind.Oximeter ? "oximeter" : "patient-app";
}
