using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Tests;

/// <summary>A patient's spot check and its evaluation under the shipped covid-oxygen protocol.</summary>
internal static class SpotCheck
{
    public static readonly DateTimeOffset MorningRound = new(2021, 12, 13, 8, 0, 0, TimeSpan.FromHours(1));

    /// <summary>Room air: the oxygen term of NEWS2 scores 0, so a single parameter's score is the aggregate.</summary>
    public const double RoomAir = 0;

    public static Measurement Of(
        int? spo2 = null,
        int? heartRate = null,
        int? respiratoryRate = null,
        double? temperature = null,
        double? oxygenFlow = null,
        Feeling? feeling = null,
        string? messageId = null,
        DateTimeOffset? measuredAt = null) =>
        new(measuredAt ?? MorningRound, spo2, heartRate, respiratoryRate, oxygenFlow, temperature, null, feeling, false, messageId);

    public static Evaluation Evaluate(Measurement measurement, double prescribedFlow) =>
        ProtocolEvaluator.Evaluate(measurement, CovidOxygenProtocol.Default, new OxygenPrescription(prescribedFlow));

    public static Finding? FindingFor(this Evaluation evaluation, string parameter) =>
        evaluation.Findings.SingleOrDefault(f => f.Parameter == parameter);
}
