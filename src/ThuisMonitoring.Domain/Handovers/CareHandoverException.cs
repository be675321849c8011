namespace ThuisMonitoring.Domain.Handovers;

/// <summary>A handover step the rules do not allow (wrong clinician, already decided, one still pending, episode ended).</summary>
public sealed class CareHandoverException(string message) : InvalidOperationException(message);
