namespace ThuisMonitoring.Domain.Continuous;

/// <summary>Why a continuous sample is not trusted (PROTOCOL.md section 4).</summary>
public enum ArtefactKind
{
    None,
    SensorOff,
    LowPerfusion,
    Spo2Jump,
}

public static class ArtefactKindNames
{
    public static string ToCode(this ArtefactKind kind) => kind switch
    {
        ArtefactKind.None => "none",
        ArtefactKind.SensorOff => "sensor-off",
        ArtefactKind.LowPerfusion => "low-perfusion",
        _ => "spo2-jump",
    };
}
