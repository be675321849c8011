using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Fhir.Resources;

/// <summary>
/// One vital sign as an R4 vital-signs Observation (CONTRACT section 5): its LOINC code(s), UCUM unit, profile, the
/// short name in Observation ids, and how to read it from a measurement.
/// </summary>
public sealed record VitalSignCode(
    string Key,
    string Loinc,
    string Display,
    string? ExtraLoinc,
    string Unit,
    string UnitDisplay,
    string Profile,
    Func<Measurement, decimal?> Read)
{
    public bool Matches(string system, string code) =>
        (system.Length == 0 || system == CodeSystems.Loinc) && (code == Loinc || code == ExtraLoinc);
}

public static class VitalSignCodes
{
    private const string ProfileBase = "http://hl7.org/fhir/StructureDefinition/";

    public static VitalSignCode Spo2 { get; } = new("spo2", "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "2708-6",
        "%", "%", ProfileBase + "oxygensat", m => m.Spo2);

    public static VitalSignCode HeartRate { get; } = new("hr", "8867-4", "Heart rate", null, "/min", "beats/minute", ProfileBase + "heartrate", m => m.HeartRate);

    public static VitalSignCode RespiratoryRate { get; } = new("rr", "9279-1", "Respiratory rate", null, "/min", "breaths/minute", ProfileBase + "resprate", m => m.RespiratoryRate);

    public static VitalSignCode OxygenFlow { get; } = new("o2flow", "3151-8", "Inhaled oxygen flow rate", null, "L/min", "L/min", ProfileBase + "vitalsigns",
        m => m.OxygenFlow is { } f ? (decimal)f : null);

    public static VitalSignCode Temperature { get; } = new("temp", "8310-5", "Body temperature", null, "Cel", "C", ProfileBase + "bodytemp",
        m => m.Temperature is { } t ? (decimal)t : null);

    public static IReadOnlyList<VitalSignCode> All { get; } = [Spo2, HeartRate, RespiratoryRate, OxygenFlow, Temperature];

    public static VitalSignCode? ByKey(string key) => All.FirstOrDefault(c => c.Key == key);
}
