namespace ThuisMonitoring.Abstractions.TimeSeries;

/// <summary>The numeric vital signs a trend can be read for.</summary>
public enum VitalSign
{
    /// <summary>Oxygen saturation, %.</summary>
    Spo2,

    /// <summary>Heart rate, /min.</summary>
    HeartRate,

    /// <summary>Respiratory rate, /min.</summary>
    RespiratoryRate,

    /// <summary>Oxygen flow, L/min.</summary>
    OxygenFlow,

    /// <summary>Body temperature, °C.</summary>
    Temperature,

    /// <summary>Perfusion index, %.</summary>
    PerfusionIndex,
}
