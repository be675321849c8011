using ThuisMonitoring.Domain.Handovers;

namespace ThuisMonitoring.Abstractions.Stores;

/// <summary>A handover of responsibility as the register keeps it: the episode's <see cref="CareHandover"/> and the summary (JSON) the receiver reads.</summary>
public sealed record CareHandoverRecord(string PatientId, CareHandover Handover, string SummaryJson);
