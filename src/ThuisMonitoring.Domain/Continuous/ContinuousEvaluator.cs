using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// Evaluates a continuous (1 Hz) meter over sliding windows (PROTOCOL.md section 4). Artefacts are flagged and never
/// evaluated. A band escalates only when the median of the trusted samples over the rule's window lies in it (red
/// SpO2 60 s, orange SpO2 5 min, heart and respiratory rate 2 min), so it must hold for most of the window; a window
/// counts only once trusted samples cover it. A level steps down only after the protocol's step-down time in the lower
/// band. An <see cref="Evaluation"/> is produced only when a sustained level changes, so a stable patient produces none.
/// </summary>
public sealed class ContinuousEvaluator
{
    private readonly ProtocolDocument _protocol;
    private readonly ContinuousRules _rules;
    private readonly ArtefactFilter _filter;
    private readonly List<ContinuousSample> _window = [];
    private readonly TimeSpan _longestWindow;
    private readonly SustainedLevel _spo2 = new();
    private readonly SustainedLevel _heartRate = new();
    private readonly SustainedLevel _respiratoryRate = new();
    private readonly SustainedLevel _news2 = new();

    public ContinuousEvaluator(ProtocolDocument protocol)
    {
        _protocol = protocol;
        _rules = protocol.Continuous;
        _filter = new ArtefactFilter(_rules.Artefacts);
        _longestWindow = new[] { _rules.Spo2RedWindow, _rules.Spo2OrangeWindow, _rules.HeartRateWindow, _rules.RespiratoryRateWindow }.Max();
    }

    /// <summary>When the device last sent a sample (artefacts included: a device sending artefacts is not silent).</summary>
    public DateTimeOffset? LastSampleAt { get; private set; }

    /// <summary>The sustained level: the highest of the tracked rules.</summary>
    public Level Level => new[] { _spo2.Level, _heartRate.Level, _respiratoryRate.Level, _news2.Level }.Max();

    public ContinuousOutcome Observe(ContinuousSample sample, OxygenPrescription prescription)
    {
        if (LastSampleAt is { } last && sample.At <= last)
        {
            // A repeat or a sample from the past: the windows only move forward.
            return new ContinuousOutcome(ArtefactKind.None, [], null);
        }

        LastSampleAt = sample.At;
        var step = _filter.Accept(sample);
        var late = step.LateArtefacts.Select(s => s.At).ToList();
        if (step.Trusted.Count == 0)
        {
            return new ContinuousOutcome(step.Kind, late, null);
        }

        _window.AddRange(step.Trusted);
        var now = step.Trusted[^1].At;
        _window.RemoveAll(s => s.At <= now - _longestWindow);
        return new ContinuousOutcome(step.Kind, late, Evaluate(now, prescription));
    }

    private Evaluation? Evaluate(DateTimeOffset now, OxygenPrescription prescription)
    {
        var spo2Red = MedianOver(now, _rules.Spo2RedWindow, s => s.Spo2);
        var spo2Orange = MedianOver(now, _rules.Spo2OrangeWindow, s => s.Spo2);
        var heartRate = MedianOver(now, _rules.HeartRateWindow, s => s.HeartRate);
        var respiratoryRate = MedianOver(now, _rules.RespiratoryRateWindow, s => s.RespiratoryRate);

        var changed = false;
        if (spo2Red is not null || spo2Orange is not null)
        {
            var red = spo2Red is { } r ? SingleFinding(new Measurement(now, Spo2: Spo2Of(r)), prescription, "spo2") : null;
            var candidate = red is { Level: Level.Red }
                ? red
                : spo2Orange is { } o ? SingleFinding(new Measurement(now, Spo2: Spo2Of(o)), prescription, "spo2") : null;
            changed |= _spo2.Update(candidate?.Level ?? Level.Green, candidate, now, _rules.StepDownAfter);
        }

        if (heartRate is { } hr)
        {
            var candidate = SingleFinding(new Measurement(now, HeartRate: RateOf(hr)), prescription, "heartRate");
            changed |= _heartRate.Update(candidate?.Level ?? Level.Green, candidate, now, _rules.StepDownAfter);
        }

        if (respiratoryRate is { } rr)
        {
            var candidate = SingleFinding(new Measurement(now, RespiratoryRate: RateOf(rr)), prescription, "respiratoryRate");
            changed |= _respiratoryRate.Update(candidate?.Level ?? Level.Green, candidate, now, _rules.StepDownAfter);
        }

        var sustained = new Measurement(
            now,
            Spo2: spo2Orange is { } s5 ? Spo2Of(s5) : spo2Red is { } s1 ? Spo2Of(s1) : null,
            HeartRate: heartRate is { } h ? RateOf(h) : null,
            RespiratoryRate: respiratoryRate is { } rrate ? RateOf(rrate) : null);
        if (!sustained.HasContent)
        {
            return null;
        }

        var whole = ProtocolEvaluator.Evaluate(sustained, _protocol, prescription);
        var news2 = whole.Findings.FirstOrDefault(f => f.Parameter == "news2");
        changed |= _news2.Update(news2?.Level ?? Level.Green, news2, now, _rules.StepDownAfter);
        if (!changed)
        {
            return null;
        }

        var findings = new[] { _spo2.Finding, _heartRate.Finding, _respiratoryRate.Finding, _news2.Finding }
            .OfType<Finding>()
            .ToList();
        return new Evaluation(sustained, Level, findings, whole.News2Score, _protocol.Id);
    }

    private Finding? SingleFinding(Measurement measurement, OxygenPrescription prescription, string parameter) =>
        ProtocolEvaluator.Evaluate(measurement, _protocol, prescription).Findings.FirstOrDefault(f => f.Parameter == parameter);

    /// <summary>
    /// The median of a value over the window ending at <paramref name="now"/>, or null while trusted samples do not
    /// cover the window: the oldest must be a full window old (less one sample) and at least half its seconds present.
    /// </summary>
    private double? MedianOver(DateTimeOffset now, TimeSpan window, Func<ContinuousSample, int?> value)
    {
        var from = now - window;
        var values = new List<double>();
        DateTimeOffset? oldest = null;
        foreach (var sample in _window)
        {
            if (sample.At > from && value(sample) is { } v)
            {
                oldest ??= sample.At;
                values.Add(v);
            }
        }

        var covered = oldest is { } first && now - first >= window - TimeSpan.FromSeconds(1)
            && values.Count >= window.TotalSeconds / 2;
        return covered ? Median.Of(values) : null;
    }

    // Half-way between two SpO2 bands counts as the lower: on the safe side.
    private static int Spo2Of(double median) => (int)Math.Floor(median);

    private static int RateOf(double median) => (int)Math.Round(median, MidpointRounding.AwayFromZero);
}
