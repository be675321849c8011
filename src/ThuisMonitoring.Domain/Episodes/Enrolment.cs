namespace ThuisMonitoring.Domain.Episodes;

/// <summary>What the monitoring episode starts with.</summary>
public sealed record Enrolment(
    string PatientId,
    Pathway Pathway,
    string ResponsibleClinician,
    string? Organisation,
    double OxygenFlow,
    ThresholdOverrides? Thresholds,
    DateTimeOffset EnrolledAt);
