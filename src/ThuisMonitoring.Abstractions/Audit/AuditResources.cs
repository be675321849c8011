namespace ThuisMonitoring.Abstractions.Audit;

/// <summary>What part of a patient's data an audit record is about (its <c>resource</c>).</summary>
public static class AuditResources
{
    public const string Patient = "patient";
    public const string Device = "device";
    public const string Vitals = "vitals";
    public const string Timeline = "timeline";
    public const string Note = "note";
    public const string Protocol = "protocol";
    public const string Episode = "episode";
    public const string OxygenPrescription = "oxygen-prescription";
    public const string Advice = "advice";
    public const string Alert = "alert";
    public const string CallScript = "call-script";
    public const string Call = "call";
    public const string Escalation = "escalation";
    public const string AlertStream = "alert-stream";
    public const string Audit = "audit";
    public const string AccessLog = "access-log";
    public const string Notification = "notification";
    public const string Consent = "consent";
    public const string Erasure = "erasure";
    public const string Retention = "retention";
    public const string CareHandover = "care-handover";
    public const string DischargeSummary = "discharge-summary";
    public const string Thresholds = "thresholds";
    public const string Replay = "replay";
    public const string RegionReport = "region-report";
    public const string Intake = "intake";
}
