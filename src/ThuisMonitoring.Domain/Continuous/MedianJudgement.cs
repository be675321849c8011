using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// What the protocol makes of a stream's running medians, remembered: the findings of each parameter's median value
/// (the protocol's own evaluation of that value alone) with its part of the NEWS2 aggregate, and the aggregate's
/// finding per aggregate score. The medians of a stable patient repeat, so the protocol is evaluated once per new
/// value, not once per sample, and a sample costs no allocation; the protocol stays the one place of every rule.
/// Valid for one protocol and one prescribed flow (a new flow starts over).
/// </summary>
internal sealed class MedianJudgement(ProtocolDocument protocol)
{
    private const string News2 = "news2";

    private readonly ValueMemo<Part> _spo2 = new();
    private readonly ValueMemo<Part> _heartRate = new();
    private readonly ValueMemo<Part> _respiratoryRate = new();
    private readonly ValueMemo<Finding?> _news2 = new();
    private OxygenPrescription? _prescription;
    private int _oxygenScore;

    /// <summary>
    /// The findings for the medians (null: that median is absent, or within targets) and the NEWS2 aggregate, exactly
    /// as <see cref="ProtocolEvaluator.Evaluate"/> of one measurement with these three values gives them.
    /// </summary>
    public Judged Judge(int? spo2, int? heartRate, int? respiratoryRate, OxygenPrescription prescription)
    {
        if (_prescription is null || _prescription.FlowLitresPerMinute != prescription.FlowLitresPerMinute)
        {
            _spo2.Clear();
            _heartRate.Clear();
            _respiratoryRate.Clear();
            _news2.Clear();
            _prescription = prescription;
            _oxygenScore = ProtocolEvaluator.Evaluate(new Measurement(default), protocol, prescription).News2Score;
        }

        var s = spo2 is { } sv ? PartOf(_spo2, sv, "spo2") : default;
        var h = heartRate is { } hv ? PartOf(_heartRate, hv, "heartRate") : default;
        var r = respiratoryRate is { } rv ? PartOf(_respiratoryRate, rv, "respiratoryRate") : default;
        var aggregate = _oxygenScore + s.Score + h.Score + r.Score;
        if (!_news2.TryGetValue(aggregate, out var news2))
        {
            var whole = ProtocolEvaluator.Evaluate(new Measurement(default, spo2, heartRate, respiratoryRate), protocol, _prescription);
            if (whole.News2Score != aggregate)
            {
                // Should the protocol's aggregate ever stop being the sum of its parts: its own answer, not remembered.
                return new Judged(s.Finding, h.Finding, r.Finding, FindingOf(whole, News2), whole.News2Score);
            }

            news2 = FindingOf(whole, News2);
            _news2.Set(aggregate, news2);
        }

        return new Judged(s.Finding, h.Finding, r.Finding, news2, aggregate);
    }

    // A value seen for the first time: the protocol's evaluation of a measurement with that value alone.
    private Part PartOf(ValueMemo<Part> parts, int value, string parameter)
    {
        if (!parts.TryGetValue(value, out var part))
        {
            var alone = parameter switch
            {
                "spo2" => new Measurement(default, Spo2: value),
                "heartRate" => new Measurement(default, HeartRate: value),
                _ => new Measurement(default, RespiratoryRate: value),
            };
            var evaluation = ProtocolEvaluator.Evaluate(alone, protocol, _prescription!);
            part = new Part(FindingOf(evaluation, parameter), evaluation.News2Score - _oxygenScore);
            parts.Set(value, part);
        }

        return part;
    }

    private static Finding? FindingOf(Evaluation evaluation, string parameter)
    {
        foreach (var finding in evaluation.Findings)
        {
            if (finding.Parameter == parameter)
            {
                return finding;
            }
        }

        return null;
    }

    private readonly record struct Part(Finding? Finding, int Score);
}

/// <summary>The findings of a stream's medians (null: absent or within targets) and their NEWS2 aggregate.</summary>
internal readonly record struct Judged(Finding? Spo2, Finding? HeartRate, Finding? RespiratoryRate, Finding? News2, int News2Score);
