using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Domain.Protocols;

/// <summary>
/// Evaluates one spot-check measurement against a protocol: NEWS2 bands per vital sign (a single score of 3 is red,
/// 2 is orange), SpO2 in the orange band on the maximum home flow is red, the partial NEWS2 aggregate,
/// oxygen flow above prescription, and how the patient feels. Given the patient's recent <see cref="VitalHistory"/>
/// it also applies the trend rules: an SpO2 drop against the patient's own baseline and desaturation on exertion.
/// </summary>
public static class ProtocolEvaluator
{
    public static Evaluation Evaluate(
        Measurement measurement, ProtocolDocument protocol, OxygenPrescription prescription, VitalHistory? history = null)
    {
        var findings = new List<Finding>(4);
        var aggregate = 0;

        var flow = measurement.OxygenFlow ?? prescription.FlowLitresPerMinute;
        var onOxygen = flow > 0;
        if (onOxygen)
        {
            aggregate += protocol.SupplementalOxygenScore;
        }

        if (measurement.Spo2 is { } spo2)
        {
            var score = protocol.Spo2.Score(spo2);
            aggregate += score.Score;
            var level = SingleParameterLevel(score.Score, protocol);
            var onMaximumFlow = flow >= protocol.MaxHomeOxygenFlow;
            if (level == Level.Orange && onMaximumFlow)
            {
                // At home the flow cannot be titrated above the maximum: the orange band is urgent there.
                level = Level.Red;
            }

            if (level != Level.Green)
            {
                var reason = level == Level.Red ? ReasonCodes.Spo2Critical : ReasonCodes.Spo2Low;
                findings.Add(new Finding(reason, level, "spo2", spo2));
            }
        }

        if (history is not null && measurement.Spo2 is { } value)
        {
            AddTrendFindings(value, measurement, protocol, history, findings);
        }

        aggregate += ScoreVital(measurement.RespiratoryRate, protocol.RespiratoryRate, protocol, "respiratoryRate",
            ReasonCodes.RespiratoryRateLow, ReasonCodes.RespiratoryRateHigh, findings);
        aggregate += ScoreVital(measurement.HeartRate, protocol.HeartRate, protocol, "heartRate",
            ReasonCodes.HeartRateLow, ReasonCodes.HeartRateHigh, findings);
        aggregate += ScoreVital(measurement.Temperature, protocol.Temperature, protocol, "temperature",
            ReasonCodes.TemperatureLow, ReasonCodes.TemperatureHigh, findings);

        if (aggregate >= protocol.AggregateRed)
        {
            findings.Add(new Finding(ReasonCodes.News2High, Level.Red, "news2", aggregate));
        }
        else if (aggregate >= protocol.AggregateOrange)
        {
            findings.Add(new Finding(ReasonCodes.News2Medium, Level.Orange, "news2", aggregate));
        }

        if (measurement.OxygenFlow is { } reportedFlow && reportedFlow > prescription.FlowLitresPerMinute)
        {
            var level = reportedFlow > protocol.MaxHomeOxygenFlow ? Level.Red : Level.Orange;
            findings.Add(new Finding(ReasonCodes.OxygenNeedRising, level, "oxygenFlow", reportedFlow));
        }

        if (measurement.Feeling is Feeling.Worse or Feeling.MuchWorse)
        {
            var level = measurement.Feeling == Feeling.MuchWorse ? Level.Red : Level.Orange;
            findings.Add(new Finding(ReasonCodes.FeelsWorse, level, "feeling", null));
        }

        var overall = Level.Green;
        foreach (var finding in findings)
        {
            if (finding.Level > overall)
            {
                overall = finding.Level;
            }
        }

        return new Evaluation(measurement, overall, findings, aggregate, protocol.Id);
    }

    private static void AddTrendFindings(
        int spo2, Measurement measurement, ProtocolDocument protocol, VitalHistory history, List<Finding> findings)
    {
        if (measurement.Exertion)
        {
            if (history.LastAtRest(measurement.MeasuredAt) is { Spo2: { } atRest }
                && atRest - spo2 >= protocol.ExertionalDesaturation.Points)
            {
                findings.Add(new Finding(ReasonCodes.ExertionalDesaturation, Level.Orange, "spo2", spo2, atRest));
            }

            return;
        }

        // Orange only: a drop deep enough to matter on its own is already caught by the absolute bands.
        if (history.Spo2Baseline(measurement.MeasuredAt, protocol.Spo2Drop) is { } baseline
            && baseline - spo2 >= protocol.Spo2Drop.Points)
        {
            findings.Add(new Finding(ReasonCodes.Spo2Drop, Level.Orange, "spo2", spo2, baseline));
        }
    }

    private static int ScoreVital(
        double? value, VitalScoring scoring, ProtocolDocument protocol, string parameter,
        string lowReason, string highReason, List<Finding> findings)
    {
        if (value is not { } v)
        {
            return 0;
        }

        var score = scoring.Score(v);
        var level = SingleParameterLevel(score.Score, protocol);
        if (level != Level.Green)
        {
            findings.Add(new Finding(score.Deviation == Deviation.Low ? lowReason : highReason, level, parameter, v));
        }

        return score.Score;
    }

    private static Level SingleParameterLevel(int score, ProtocolDocument protocol) =>
        score >= protocol.SingleParameterRedScore ? Level.Red
        : score >= protocol.SingleParameterOrangeScore ? Level.Orange
        : Level.Green;
}
