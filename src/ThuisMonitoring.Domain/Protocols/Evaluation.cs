using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// The outcome of evaluating one measurement: the overall level (the highest of any finding),
/// every finding, the partial NEWS2 score and the protocol that was applied. A continuous meter's evaluation also says
/// which bands held, over which window and samples (<see cref="Holds"/>).
/// </summary>
public sealed record Evaluation(
    Measurement Measurement,
    Level Level,
    IReadOnlyList<Finding> Findings,
    int News2Score,
    string ProtocolId,
    IReadOnlyList<HoldEvidence>? Holds = null);
