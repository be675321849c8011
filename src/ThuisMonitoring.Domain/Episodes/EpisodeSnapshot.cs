using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Episodes;

/// <summary>The persisted form of an <see cref="Episode"/>.</summary>
public sealed record EpisodeSnapshot(
    Enrolment Enrolment,
    EpisodeState State,
    double OxygenFlow,
    Level LastLevel,
    Measurement? LastMeasurement,
    int? LastNews2Score,
    IReadOnlyList<Alert> Alerts);
