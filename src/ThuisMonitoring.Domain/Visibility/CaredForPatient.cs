namespace ThuisMonitoring.Domain.Visibility;

/// <summary>What the visibility rule needs to know of a patient: who is responsible, in which organisation.</summary>
public sealed record CaredForPatient(string PatientId, string ResponsibleClinician, string? Organisation);
