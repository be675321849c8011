namespace ThuisMonitoring.Domain.Measurements;

/// <summary>
/// The one definition of what a measurement's values may be (CONTRACT.md, the measurement payload): what the device
/// and app adapters accept, and the bounds the domain's counting histograms are sized by.
/// </summary>
public static class MeasurementRanges
{
    /// <summary>SpO2, whole %.</summary>
    public static readonly WholeRange Spo2 = new(50, 100);

    /// <summary>Heart rate, whole beats/min.</summary>
    public static readonly WholeRange HeartRate = new(20, 250);

    /// <summary>Respiratory rate, whole breaths/min.</summary>
    public static readonly WholeRange RespiratoryRate = new(4, 60);

    /// <summary>Oxygen flow, L/min.</summary>
    public static readonly NumberRange OxygenFlow = new(0, 15);

    /// <summary>Body temperature, degrees Celsius.</summary>
    public static readonly NumberRange Temperature = new(30, 45);

    /// <summary>Perfusion index, %.</summary>
    public static readonly NumberRange PerfusionIndex = new(0, 20);
}

/// <summary>A closed range of whole numbers.</summary>
public readonly record struct WholeRange(int Min, int Max)
{
    public bool Contains(int value) => value >= Min && value <= Max;

    public int Count => Max - Min + 1;
}

/// <summary>A closed range of numbers.</summary>
public readonly record struct NumberRange(double Min, double Max)
{
    public bool Contains(double value) => value >= Min && value <= Max;
}
