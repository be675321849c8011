using ThuisMonitoring.Domain.History;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// Evaluates one continuous (1 Hz) stream (PROTOCOL.md section 4). Artefacts are flagged and never evaluated. Each rule
/// is judged on the short running median of the trusted samples (<see cref="RunningMedianSpan"/>, so one noisy sample
/// neither breaks nor makes a hold), and a band escalates only once that median has stayed in it for the rule's whole
/// window (red SpO2 60 s, orange SpO2 5 min, heart and respiratory rate 2 min; the NEWS2 aggregate the longer of the
/// heart and respiratory rate windows): a dip shorter than the window raises nothing. A level steps down only after the
/// protocol's step-down time in the lower band. An <see cref="Evaluation"/> is produced only when an escalated level
/// changes, so a stable patient produces none. <see cref="ToState"/> saves everything a restart must not forget.
/// </summary>
/// <remarks>
/// Per sample the work is O(1) and allocates nothing (issue 14): the trusted samples of the longest window are a ring
/// buffer, each running median a counting histogram over the vital's <see cref="MeasurementRanges"/> that the 5-s span
/// slides over, and the protocol's findings for the medians come from <see cref="MedianJudgement"/> (one protocol
/// evaluation per new median value, not four per sample). Evidence is gathered only when a level rises.
/// </remarks>
public sealed class ContinuousEvaluator
{
    /// <summary>The span of the running median that "held" is judged on (about 5 s: five samples at 1 Hz).</summary>
    public static readonly TimeSpan RunningMedianSpan = TimeSpan.FromSeconds(5);

    /// <summary>A stretch without any trusted value this long breaks every hold.</summary>
    public static readonly TimeSpan HoldBreaksAfter = TimeSpan.FromSeconds(10);

    private const string News2 = "news2";

    // Enough points for a mini chart of a 5-minute window; the alert is kept with the episode.
    private const int EvidenceSamples = 120;

    private static readonly ContinuousOutcome[] Unchanged =
        [.. Enum.GetValues<ArtefactKind>().Select(kind => new ContinuousOutcome(kind, [], null))];

    private readonly ProtocolDocument _protocol;
    private readonly ContinuousRules _rules;
    private readonly ArtefactFilter _filter;
    private readonly SampleRing _recent;
    private readonly CountingMedian _spo2Median = new(MeasurementRanges.Spo2);
    private readonly CountingMedian _heartRateMedian = new(MeasurementRanges.HeartRate);
    private readonly CountingMedian _respiratoryRateMedian = new(MeasurementRanges.RespiratoryRate);
    private readonly MedianJudgement _judgement;
    private readonly TimeSpan _keep;
    private readonly TimeSpan _news2Window;
    private readonly BandHold _spo2;
    private readonly BandHold _heartRate;
    private readonly BandHold _respiratoryRate;
    private readonly BandHold _news2;

    // How many of the newest samples of _recent lie within the running median's span (and are in the histograms).
    private int _inSpan;

    public ContinuousEvaluator(ProtocolDocument protocol, ContinuousState? state = null)
    {
        _protocol = protocol;
        _rules = protocol.Continuous;
        _judgement = new MedianJudgement(protocol);
        _news2Window = _rules.HeartRateWindow > _rules.RespiratoryRateWindow ? _rules.HeartRateWindow : _rules.RespiratoryRateWindow;
        _keep = Longest(_rules.Spo2RedWindow, _rules.Spo2OrangeWindow, _rules.HeartRateWindow, _rules.RespiratoryRateWindow) + RunningMedianSpan;

        // Sized to a 1 Hz stream's window (issue 14: not a power of two above it); a faster device grows it.
        _recent = new SampleRing(RingCapacity(_keep, state?.Recent.Count ?? 0));
        if (state is not null && state.ProtocolId == protocol.Id)
        {
            _filter = new ArtefactFilter(_rules.Artefacts, state.Filter);
            foreach (var sample in state.Recent)
            {
                // Every saved sample enters the span; the next evaluation slides it to its own time.
                _recent.Add(sample);
                EnterSpan(sample);
            }

            LastSampleAt = state.LastSampleAt;
        }
        else
        {
            // No state, or state of another protocol: new windows and bands, never two rule sets mixed in one window.
            state = null;
            _filter = new ArtefactFilter(_rules.Artefacts);
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
    public Level Level => Highest(Highest(_spo2.Level, _heartRate.Level), Highest(_respiratoryRate.Level, _news2.Level));

    public ContinuousOutcome Observe(ContinuousSample sample, OxygenPrescription prescription)
    {
        if (LastSampleAt is { } last && sample.At <= last)
        {
            // A repeat or a sample from the past: the windows only move forward.
            return Unchanged[(int)ArtefactKind.None];
        }

        LastSampleAt = sample.At;
        var kind = _filter.Step(sample);
        var trusted = _filter.Trusted;
        Evaluation? evaluation = null;
        for (var i = 0; i < trusted.Count; i++)
        {
            _recent.Add(trusted[i]);
            EnterSpan(trusted[i]);
            evaluation = Evaluate(trusted[i].At, prescription) ?? evaluation;
        }

        if (trusted.Count > 0)
        {
            _recent.RemoveBefore(trusted[^1].At - _keep);
            _inSpan = Math.Min(_inSpan, _recent.Count);
        }

        var lateArtefacts = _filter.Late;
        if (evaluation is null && lateArtefacts.Count == 0)
        {
            return Unchanged[(int)kind];
        }

        var late = new DateTimeOffset[lateArtefacts.Count];
        for (var i = 0; i < late.Length; i++)
        {
            late[i] = lateArtefacts[i].At;
        }

        return new ContinuousOutcome(kind, late, evaluation);
    }

    /// <summary>Everything the stream's evaluation must not forget across a deactivation or restart.</summary>
    public ContinuousState ToState() => new(
        _protocol.Id, LastSampleAt, _recent.ToArray(), _filter.ToState(),
        [_spo2.ToState(), _heartRate.ToState(), _respiratoryRate.ToState(), _news2.ToState()]);

    private Evaluation? Evaluate(DateTimeOffset now, OxygenPrescription prescription)
    {
        LeaveSpan(now - RunningMedianSpan);
        var spo2 = _spo2Median.Median() is { } s ? Spo2Of(s) : (int?)null;
        var heartRate = _heartRateMedian.Median() is { } h ? RateOf(h) : (int?)null;
        var respiratoryRate = _respiratoryRateMedian.Median() is { } r ? RateOf(r) : (int?)null;
        if (spo2 is null && heartRate is null && respiratoryRate is null)
        {
            return null;
        }

        var spo2Before = _spo2.Level;
        var heartRateBefore = _heartRate.Level;
        var respiratoryRateBefore = _respiratoryRate.Level;
        var news2Before = _news2.Level;
        var judged = _judgement.Judge(spo2, heartRate, respiratoryRate, prescription);
        var changed = false;
        if (spo2 is not null)
        {
            changed |= _spo2.Update(judged.Spo2, now, _rules.Spo2OrangeWindow, _rules.Spo2RedWindow, _rules.StepDownAfter);
        }

        if (heartRate is not null)
        {
            changed |= _heartRate.Update(judged.HeartRate, now, _rules.HeartRateWindow, _rules.HeartRateWindow, _rules.StepDownAfter);
        }

        if (respiratoryRate is not null)
        {
            changed |= _respiratoryRate.Update(judged.RespiratoryRate, now, _rules.RespiratoryRateWindow, _rules.RespiratoryRateWindow, _rules.StepDownAfter);
        }

        changed |= _news2.Update(judged.News2, now, _news2Window, _news2Window, _rules.StepDownAfter);
        if (!changed)
        {
            return null;
        }

        // A level changed: the rare path, where the evaluation and its evidence are built.
        var median = new Measurement(now, Spo2: spo2, HeartRate: heartRate, RespiratoryRate: respiratoryRate);
        var findings = new List<Finding>(4);
        var evidence = new List<HoldEvidence>();
        Collect(_spo2, spo2Before, now, findings, evidence);
        Collect(_heartRate, heartRateBefore, now, findings, evidence);
        Collect(_respiratoryRate, respiratoryRateBefore, now, findings, evidence);
        Collect(_news2, news2Before, now, findings, evidence);
        return new Evaluation(median, Level, findings, judged.News2Score, _protocol.Id, evidence);
    }

    private void Collect(BandHold hold, Level before, DateTimeOffset now, List<Finding> findings, List<HoldEvidence> evidence)
    {
        if (hold.Finding is not { } finding)
        {
            return;
        }

        findings.Add(finding);
        if (hold.Level > before)
        {
            evidence.Add(Evidence(hold, finding, now));
        }
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
        var first = from - RunningMedianSpan;
        var stretch = new List<ContinuousSample>();
        for (var i = 0; i < _recent.Count; i++)
        {
            var sample = _recent[i];
            if (sample.At >= first && sample.At <= now)
            {
                stretch.Add(sample);
            }
        }

        var every = Math.Max(1, (int)Math.Ceiling(stretch.Count / (double)EvidenceSamples));
        var samples = new List<EvidenceSample>(stretch.Count / every + 1);
        for (var i = 0; i < stretch.Count; i++)
        {
            if (i % every == 0 || i == stretch.Count - 1)
            {
                var s = stretch[i];
                samples.Add(new EvidenceSample(s.At, s.Spo2, s.HeartRate, s.RespiratoryRate));
            }
        }

        return new HoldEvidence(hold.Parameter, finding.Reason, finding.Level, from, now, window, samples);
    }

    // A trusted sample joins the running median's span.
    private void EnterSpan(ContinuousSample sample)
    {
        _inSpan++;
        Count(sample, add: true);
    }

    // Samples at or before the span's start leave it (the span is (now - RunningMedianSpan, now]).
    private void LeaveSpan(DateTimeOffset from)
    {
        while (_inSpan > 0 && _recent[_recent.Count - _inSpan].At <= from)
        {
            Count(_recent[_recent.Count - _inSpan], add: false);
            _inSpan--;
        }
    }

    private void Count(ContinuousSample sample, bool add)
    {
        Count(_spo2Median, sample.Spo2, add);
        Count(_heartRateMedian, sample.HeartRate, add);
        Count(_respiratoryRateMedian, sample.RespiratoryRate, add);
    }

    private static void Count(CountingMedian median, int? value, bool add)
    {
        if (value is not { } v)
        {
            return;
        }

        if (add)
        {
            median.Add(v);
        }
        else
        {
            median.Remove(v);
        }
    }

    private static BandHold Restore(string parameter, ContinuousState? state)
    {
        foreach (var hold in state?.Holds ?? [])
        {
            if (hold.Parameter == parameter)
            {
                return new BandHold(parameter, hold);
            }
        }

        return new BandHold(parameter);
    }

    // The samples of the window at 1 Hz, both ends included, and a few released at once after a jump.
    private static int RingCapacity(TimeSpan keep, int saved) =>
        Math.Max(saved, (int)Math.Clamp(Math.Ceiling(keep.TotalSeconds) + 4, 8, 4096));

    private static TimeSpan Longest(params ReadOnlySpan<TimeSpan> spans)
    {
        var longest = TimeSpan.Zero;
        foreach (var span in spans)
        {
            longest = span > longest ? span : longest;
        }

        return longest;
    }

    private static Level Highest(Level a, Level b) => a > b ? a : b;

    // Half-way between two SpO2 bands counts as the lower: on the safe side.
    private static int Spo2Of(double median) => (int)Math.Floor(median);

    private static int RateOf(double median) => (int)Math.Round(median, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The saved state of a <see cref="ContinuousEvaluator"/>: its recent trusted samples (saved by column,
/// <see cref="ContinuousSamplesJson"/>), filter and holds.
/// </summary>
public sealed record ContinuousState(
    string ProtocolId,
    DateTimeOffset? LastSampleAt,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(ContinuousSamplesJson))] IReadOnlyList<ContinuousSample> Recent,
    ArtefactFilterState Filter,
    IReadOnlyList<BandHoldState> Holds);
