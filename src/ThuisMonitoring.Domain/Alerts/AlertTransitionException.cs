namespace ThuisMonitoring.Domain.Alerts;

/// <summary>A workflow step that is not allowed in the alert's current status.</summary>
public sealed class AlertTransitionException(string message) : InvalidOperationException(message);
