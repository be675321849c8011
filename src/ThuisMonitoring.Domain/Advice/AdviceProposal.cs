using ThuisMonitoring.Domain.History;

namespace ThuisMonitoring.Domain.Advice;

/// <summary>
/// A proposal of the advice rules: its kind, a kebab-case reason, a one-line summary for the clinician, the
/// measurements it rests on, and for a flow change the proposed flow in L/min.
/// </summary>
public sealed record AdviceProposal(
    AdviceKind Kind, string Reason, string Summary, IReadOnlyList<VitalRecord> Evidence, double? ProposedFlow = null);
