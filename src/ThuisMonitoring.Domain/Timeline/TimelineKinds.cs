namespace ThuisMonitoring.Domain.Timeline;

/// <summary>The kinds of <see cref="TimelineEntry"/>, as the API and the console name them.</summary>
public static class TimelineKinds
{
    public const string AlertRaised = "alert-raised";
    public const string AlertLevelRaised = "alert-level-raised";
    public const string AlertClaimed = "alert-claimed";
    public const string AlertReleased = "alert-released";
    public const string AlertHandedOver = "alert-handed-over";
    public const string AlertAcknowledged = "alert-acknowledged";
    public const string Call = "call";
    public const string Escalated = "escalated";
    public const string EscalationAccepted = "escalation-accepted";
    public const string ReEscalated = "re-escalated";
    public const string AlertResolved = "alert-resolved";
    public const string Note = "note";
    public const string OxygenChanged = "oxygen-changed";
    public const string EpisodeState = "episode-state";
    public const string AdviceDecided = "advice-decided";
    public const string ConsentWithdrawn = "consent-withdrawn";
    public const string CareHandoverRequested = "care-handover-requested";
    public const string CareHandoverAccepted = "care-handover-accepted";
    public const string CareHandoverDeclined = "care-handover-declined";
    public const string CareHandoverUndone = "care-handover-undone";
    public const string ThresholdsChanged = "thresholds-changed";
    public const string IntakeRequested = "intake-requested";
    public const string IntakeAccepted = "intake-accepted";
    public const string IntakeDeclined = "intake-declined";
}
