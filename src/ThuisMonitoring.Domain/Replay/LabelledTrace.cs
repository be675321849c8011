using System.Text.Json.Serialization;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Replay;

/// <summary>
/// A recorded or generated stretch of one patient's measurements with what should come of it: no alert (a stable
/// trace) or the deteriorations a protocol must escalate (<see cref="Expected"/>). Times are seconds from
/// <see cref="Start"/>. The trace library (<c>traces/*.json</c>) holds these, written by <see cref="TraceGenerator"/>.
/// </summary>
public sealed record LabelledTrace(
    string Name,
    string Description,
    int Seed,
    DateTimeOffset Start,
    double OxygenFlow,
    IReadOnlyList<ExpectedEscalation> Expected,
    IReadOnlyList<TraceEvent> Events)
{
    public bool IsStable => Expected.Count == 0;

    public TimeSpan Length => Events.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Events[^1].At + 1);
}

/// <summary>
/// A labelled event: from <see cref="Onset"/> (seconds) the patient is in the band of <see cref="Reason"/> at
/// <see cref="Level"/>; a protocol detects it when it raises that reason at that level or higher within
/// <see cref="WithinSeconds"/> of the onset. A label derived from what the platform recorded (<see cref="Label"/>: a
/// readmission, an escalation the clinician took over, an emergency referral; see <see cref="RecordedLabels"/>) names no
/// rule (<see cref="AnyRule"/>: an alert of any rule detects it) and may be detected from <see cref="From"/>, before its
/// onset (a time to escalate below zero is then that much earlier than the recorded alert or decision).
/// </summary>
public sealed record ExpectedEscalation(string Reason, Level Level, int Onset, int WithinSeconds, int? From = null, string? Label = null)
{
    /// <summary>The <see cref="Reason"/> of a label that an alert of any rule detects.</summary>
    public const string AnyRule = "*";

    /// <summary>The first second an alert may detect it.</summary>
    [JsonIgnore]
    public int Start => From ?? Onset;

    public bool IsDetectedBy(string reason) => Reason == AnyRule || Reason == reason;

    /// <summary>
    /// Whether an alert at <paramref name="at"/> belongs to this event (is not a false alert): on a library trace any
    /// alert from the onset on (the patient is deteriorating), on a recorded label only within its window.
    /// </summary>
    public bool Covers(int at) => at >= Start && (From is null || at <= Onset + WithinSeconds);
}

/// <summary>
/// One event of a trace, <see cref="At"/> seconds from its start: a sample of the oximeter (1 Hz), a spot check of
/// the patient app, or a status of the oximeter (<see cref="Battery"/>, <see cref="SensorOn"/>).
/// </summary>
public sealed record TraceEvent(
    int At,
    string Device,
    int? Spo2 = null,
    int? HeartRate = null,
    int? RespiratoryRate = null,
    double? PerfusionIndex = null,
    double? Temperature = null,
    bool SensorOn = true,
    int? Battery = null)
{
    public const string Oximeter = "oximeter";
    public const string App = "app";

    public bool IsStatus => Battery is not null || (Spo2 is null && HeartRate is null && RespiratoryRate is null && Temperature is null);
}
