using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ThuisMonitoring.Domain.Advice;
using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Storage;

namespace ThuisMonitoring.Benchmarks;

/// <summary>
/// The domain's per-measurement work (issue 14, item 2): one 1 Hz sample, one spot check, one advice evaluation and
/// one snapshot, each 1 hour and 14 days into an episode. The two must cost the same: per-sample work is O(1).
/// A stream moves on with every invocation, so the invocations are bounded (<see cref="Invocations"/> per
/// iteration: about 40 minutes of samples in all), and every case starts from the state fed once per process.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Invocations, unrollFactor: 1)]
[WarmupCount(2)]
[IterationCount(10)]
public class DomainBenchmarks
{
    /// <summary>Samples per iteration.</summary>
    public const int Invocations = 200;

    private MonitoredPatient _patient = null!;
    private ContinuousEvaluator _evaluator = null!;
    private OxygenPrescription _prescription = null!;
    private DateTimeOffset _evaluatorAt;

    /// <summary>How far into the episode: 1 hour or 14 days of 1 Hz samples.</summary>
    [Params("1h", "14d")]
    public string Into { get; set; } = "1h";

    [GlobalSetup]
    public void Setup()
    {
        var into = Into == "14d" ? TimeSpan.FromDays(14) : TimeSpan.FromHours(1);
        _patient = MonitoredPatient.Restored(into);
        _prescription = new OxygenPrescription(_patient.Episode.OxygenFlow);
        _evaluatorAt = _patient.Now;
        _evaluator = new ContinuousEvaluator(_patient.Protocol, Evaluation(_patient));
    }

    // The stream's saved evaluation, as its device stream restores it.
    private static ContinuousState? Evaluation(MonitoredPatient patient)
    {
        foreach (var device in patient.Streams.ToState().Devices)
        {
            if (device.DeviceId == MonitoredPatient.DeviceId)
            {
                return device.Evaluation;
            }
        }

        return null;
    }

    /// <summary>What the input costs by itself (the measurement the parser makes): subtract it from the sample rows.</summary>
    [Benchmark]
    public Measurement InputOnly() => _patient.NextSample(_patient.Now);

    /// <summary>One continuous sample through stream classification, the episode and advice (the grain's path).</summary>
    [Benchmark]
    public int ContinuousSample() => _patient.ContinuousSample();

    /// <summary>One continuous sample through <see cref="Domain.Monitoring.PatientMonitor.Record"/> (the grain's path today).</summary>
    [Benchmark]
    public int MonitorSample() => _patient.MonitorSample();

    /// <summary>One continuous sample through the stream's <see cref="ContinuousEvaluator"/> alone.</summary>
    [Benchmark]
    public Level EvaluatorSample()
    {
        _evaluatorAt = _evaluatorAt.AddSeconds(1);
        var measurement = _patient.NextSample(_evaluatorAt);
        _evaluator.Observe(Domain.Continuous.ContinuousSample.From(measurement), _prescription);
        return _evaluator.Level;
    }

    /// <summary>One spot check from the patient app (evaluation with trend rules, alerts, history, advice).</summary>
    [Benchmark]
    public int SpotCheck() => _patient.SpotCheck();

    /// <summary>The episode's advice step one second after the last (what the grain runs after every message).</summary>
    [Benchmark]
    public int Advise() => _patient.Advise();

    /// <summary>The advice rules themselves on the episode's facts (what <c>Advise</c> runs when it has to).</summary>
    [Benchmark]
    public int AdviceRulesPropose()
    {
        var episode = _patient.Episode;
        var facts = new AdviceFacts(episode.History, episode.OxygenFlow, episode.OxygenFlowSince, episode.PreviousOxygenFlow,
            episode.Enrolment.Pathway, episode.Enrolment.EnrolledAt);
        return AdviceRules.Propose(facts, _patient.Protocol, _patient.Now).Count;
    }

    /// <summary>The grain's saved state as JSON (what every save writes); returns its size in bytes.</summary>
    [Benchmark]
    public int SnapshotJson() => JsonSerializer.SerializeToUtf8Bytes(_patient.State(), StoredJson.Options).Length;
}
