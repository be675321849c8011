using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

using ThuisMonitoring.Domain.Continuous;

namespace ThuisMonitoring.Domain.Tests.Continuous.Reference;

/// <summary>
/// The continuous evaluator as it was before issue 14 (lists, LINQ, Median.Of on every sample, the protocol evaluated
/// four times per sample), kept verbatim as the straightforward reference the lean one is compared with.
/// Evaluates one continuous (1 Hz) stream (PROTOCOL.md section 4). Artefacts are flagged and never evaluated. Each rule
/// is judged on the short running median of the trusted samples (<see cref="RunningMedianSpan"/>, so one noisy sample
/// neither breaks nor makes a hold), and a band escalates only once that median has stayed in it for the rule's whole
/// window (red SpO2 60 s, orange SpO2 5 min, heart and respiratory rate 2 min; the NEWS2 aggregate the longer of the
/// heart and respiratory rate windows): a dip shorter than the window raises nothing. A level steps down only after the
/// protocol's step-down time in the lower band. An <see cref="Evaluation"/> is produced only when an escalated level
/// changes, so a stable patient produces none. <see cref="ToState"/> saves everything a restart must not forget.
/// </summary>
public sealed class SortingContinuousEvaluator
{
    /// <summary>The span of the running median that "held" is judged on (about 5 s: five samples at 1 Hz).</summary>
    private static readonly TimeSpan RunningMedianSpan = TimeSpan.FromSeconds(5);

    /// <summary>A stretch without any trusted value this long breaks every hold.</summary>
    private static readonly TimeSpan HoldBreaksAfter = TimeSpan.FromSeconds(10);

    private const string News2 = "news2";

    // Enough points for a mini chart of a 5-minute window; the alert is kept with the episode.
    private const int EvidenceSamples = 120;

    private readonly ProtocolDocument _protocol;
    private readonly ContinuousRules _rules;
    private readonly SortingArtefactFilter _filter;
    private readonly List<ContinuousSample> _recent = [];
    private readonly TimeSpan _keep;
    private readonly TimeSpan _news2Window;
    private readonly BandHold _spo2;
    private readonly BandHold _heartRate;
    private readonly BandHold _respiratoryRate;
    private readonly BandHold _news2;

    public SortingContinuousEvaluator(ProtocolDocument protocol, ContinuousState? state = null)
    {
        _protocol = protocol;
        _rules = protocol.Continuous;
        _news2Window = _rules.HeartRateWindow > _rules.RespiratoryRateWindow ? _rules.HeartRateWindow : _rules.RespiratoryRateWindow;
        _keep = new[] { _rules.Spo2RedWindow, _rules.Spo2OrangeWindow, _rules.HeartRateWindow, _rules.RespiratoryRateWindow }.Max()
            + RunningMedianSpan;
        if (state is not null && state.ProtocolId == protocol.Id)
        {
            _filter = new SortingArtefactFilter(_rules.Artefacts, state.Filter);
            _recent.AddRange(state.Recent);
            LastSampleAt = state.LastSampleAt;
        }
        else
        {
            // No state, or state of another protocol: new windows and bands, never two rule sets mixed in one window.
            state = null;
            _filter = new SortingArtefactFilter(_rules.Artefacts);
        }

        _spo2 = Restore("spo2", state);
        _heartRate = Restore("heartRate", state);
        _respiratoryRate = Restore("respiratoryRate", state);
        _news2 = Restore(News2, state);
    }

    public string ProtocolId => _protocol.Id;

    /// <summary>When the stream last sent a sample (artefacts included: a device sending artefacts is not silent).</summary>
    public DateTimeOffset? LastSampleAt { get; private set; }

    /// <summary>The escalated level: the highest of the tracked rules.</summary>
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
        Evaluation? evaluation = null;
        foreach (var trusted in step.Trusted)
        {
            _recent.Add(trusted);
            evaluation = Evaluate(trusted.At, prescription) ?? evaluation;
        }

        if (step.Trusted.Count > 0)
        {
            var cutoff = step.Trusted[^1].At - _keep;
            _recent.RemoveAll(s => s.At < cutoff);
        }

        return new ContinuousOutcome(step.Kind, late, evaluation);
    }

    /// <summary>Everything the stream's evaluation must not forget across a deactivation or restart.</summary>
    public ContinuousState ToState() => new(
        _protocol.Id, LastSampleAt, [.. _recent], _filter.ToState(),
        [_spo2.ToState(), _heartRate.ToState(), _respiratoryRate.ToState(), _news2.ToState()]);

    private Evaluation? Evaluate(DateTimeOffset now, OxygenPrescription prescription)
    {
        var spo2 = RunningMedian(now, s => s.Spo2);
        var heartRate = RunningMedian(now, s => s.HeartRate);
        var respiratoryRate = RunningMedian(now, s => s.RespiratoryRate);
        var levels = new[] { _spo2.Level, _heartRate.Level, _respiratoryRate.Level, _news2.Level };

        var changed = false;
        if (spo2 is { } s)
        {
            var finding = SingleFinding(new Measurement(now, Spo2: Spo2Of(s)), prescription, "spo2");
            changed |= _spo2.Update(finding, now, _rules.Spo2OrangeWindow, _rules.Spo2RedWindow, _rules.StepDownAfter);
        }

        if (heartRate is { } hr)
        {
            var finding = SingleFinding(new Measurement(now, HeartRate: RateOf(hr)), prescription, "heartRate");
            changed |= _heartRate.Update(finding, now, _rules.HeartRateWindow, _rules.HeartRateWindow, _rules.StepDownAfter);
        }

        if (respiratoryRate is { } rr)
        {
            var finding = SingleFinding(new Measurement(now, RespiratoryRate: RateOf(rr)), prescription, "respiratoryRate");
            changed |= _respiratoryRate.Update(finding, now, _rules.RespiratoryRateWindow, _rules.RespiratoryRateWindow, _rules.StepDownAfter);
        }

        var median = new Measurement(
            now,
            Spo2: spo2 is { } s2 ? Spo2Of(s2) : null,
            HeartRate: heartRate is { } h ? RateOf(h) : null,
            RespiratoryRate: respiratoryRate is { } r ? RateOf(r) : null);
        if (!median.HasContent)
        {
            return null;
        }

        var whole = ProtocolEvaluator.Evaluate(median, _protocol, prescription);
        var news2 = whole.Findings.FirstOrDefault(f => f.Parameter == News2);
        changed |= _news2.Update(news2, now, _news2Window, _news2Window, _rules.StepDownAfter);
        if (!changed)
        {
            return null;
        }

        var holds = new[] { _spo2, _heartRate, _respiratoryRate, _news2 };
        var findings = holds.Select(hold => hold.Finding).OfType<Finding>().ToList();
        var evidence = new List<HoldEvidence>();
        for (var i = 0; i < holds.Length; i++)
        {
            if (holds[i].Level > levels[i] && holds[i].Finding is { } risen)
            {
                evidence.Add(Evidence(holds[i], risen, now));
            }
        }

        return new Evaluation(median, Level, findings, whole.News2Score, _protocol.Id, evidence);
    }

    private HoldEvidence Evidence(BandHold hold, Finding finding, DateTimeOffset now)
    {
        var window = hold.Parameter switch
        {
            "spo2" => finding.Level == Level.Red ? _rules.Spo2RedWindow : _rules.Spo2OrangeWindow,
            "heartRate" => _rules.HeartRateWindow,
            "respiratoryRate" => _rules.RespiratoryRateWindow,
            _ => _news2Window,
        };
        var from = hold.HeldSince(finding.Level) ?? hold.HeldSince(Level.Orange) ?? now - window;
        var stretch = _recent.Where(s => s.At >= from - RunningMedianSpan && s.At <= now).ToList();
        var every = Math.Max(1, (int)Math.Ceiling(stretch.Count / (double)EvidenceSamples));
        var samples = stretch
            .Where((_, i) => i % every == 0 || i == stretch.Count - 1)
            .Select(s => new EvidenceSample(s.At, s.Spo2, s.HeartRate, s.RespiratoryRate))
            .ToList();
        return new HoldEvidence(hold.Parameter, finding.Reason, finding.Level, from, now, window, samples);
    }

    private Finding? SingleFinding(Measurement measurement, OxygenPrescription prescription, string parameter) =>
        ProtocolEvaluator.Evaluate(measurement, _protocol, prescription).Findings.FirstOrDefault(f => f.Parameter == parameter);

    /// <summary>The median of a value over the trusted samples of the running span ending at <paramref name="now"/>.</summary>
    private double? RunningMedian(DateTimeOffset now, Func<ContinuousSample, int?> value)
    {
        var from = now - RunningMedianSpan;
        var values = new List<double>(8);
        for (var i = _recent.Count - 1; i >= 0 && _recent[i].At > from; i--)
        {
            if (_recent[i].At <= now && value(_recent[i]) is { } v)
            {
                values.Add(v);
            }
        }

        return values.Count > 0 ? Median.Of(values) : null;
    }

    private static BandHold Restore(string parameter, ContinuousState? state) =>
        new(parameter, state?.Holds.FirstOrDefault(h => h.Parameter == parameter));

    // Half-way between two SpO2 bands counts as the lower: on the safe side.
    private static int Spo2Of(double median) => (int)Math.Floor(median);

    private static int RateOf(double median) => (int)Math.Round(median, MidpointRounding.AwayFromZero);
}

