using ThuisMonitoring.Domain.Continuous;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Monitoring;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Grains.Patients;

namespace ThuisMonitoring.Benchmarks;

/// <summary>
/// One patient on a 1 Hz oximeter, driven through the domain the way the patient grain drives it (stream
/// classification, the episode's sample and alert entry points, advice after every message), without I/O: the
/// fixture of the domain benchmarks. The signal is a stable patient on 2 L/min (SpO2 94-96, heart rate 74-82,
/// respiratory rate 15-17, seeded noise), so an hour and fourteen days differ only in how much history lies behind.
/// </summary>
public sealed class MonitoredPatient
{
    public const string DeviceId = "oximeter-1";

    private static readonly DateTimeOffset EnrolledAt = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    // Fed once per duration, then every benchmark case starts from the saved state, as an activation does.
    private static readonly Dictionary<TimeSpan, PatientGrainState> Fed = [];

    private readonly Random _random = new(20261202);
    private int _ids;

    public MonitoredPatient(TimeSpan into)
    {
        Protocol = CovidOxygenProtocol.Default;
        Episode = Episode.Start(new Enrolment("bench-patient", Pathway.EarlyDischarge, "dr-bench", "org-bench", 2, null, EnrolledAt));
        Streams = new ContinuousStreams();
        Now = EnrolledAt;
        var end = EnrolledAt + into;
        while (Now < end)
        {
            ContinuousSample();
        }
    }

    private MonitoredPatient(PatientGrainState state)
    {
        Protocol = CovidOxygenProtocol.Default;
        Episode = new Episode(state.Snapshot!);
        Streams = new ContinuousStreams(state.Streams);
        Now = state.ContinuousSampleAt!.Value;
        Monitor = new PatientMonitor(state.Snapshot, state.Streams, state.ContinuousSampleAt, NewId);
        _monitorAt = Now;
    }

    /// <summary>A patient <paramref name="into"/> an episode of 1 Hz samples, restored from state fed once per process.</summary>
    public static MonitoredPatient Restored(TimeSpan into)
    {
        if (!Fed.TryGetValue(into, out var state))
        {
            state = new MonitoredPatient(into).State();
            Fed[into] = state;
        }

        return new MonitoredPatient(state);
    }

    public ProtocolDocument Protocol { get; }

    public Episode Episode { get; }

    public ContinuousStreams Streams { get; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>
    /// A <see cref="PatientMonitor"/> of the same patient, from the same saved state (its own episode and streams): the
    /// grain's path since the monitor owns the rules (<see cref="MonitorSample"/>).
    /// </summary>
    public PatientMonitor Monitor { get; private set; } = null!;

    private Measurement[] _message = [];

    private DateTimeOffset _monitorAt;

    /// <summary>The next 1 Hz sample through the grain's path; returns the number of changed alerts and new advice.</summary>
    public int ContinuousSample()
    {
        Now = Now.AddSeconds(1);
        var measurement = NextSample(Now);
        var steps = Streams.Observe(
            DeviceId, DeviceKind.Oximeter, [measurement], true, Episode.EffectiveProtocol(Protocol), new OxygenPrescription(Episode.OxygenFlow));
        var changed = 0;
        foreach (var step in steps)
        {
            if (step.Role == SampleRole.SpotCheck)
            {
                changed += Episode.Record(step.Measurement, Protocol, Now, NewId).ChangedAlerts.Count;
                continue;
            }

            if (step.IsTrustedSample || step.Role == SampleRole.WarmUp)
            {
                Episode.ObserveSample(step.Measurement, step.SustainedLevel, Protocol);
            }

            if (step.Evaluation is { } evaluation)
            {
                changed += Episode.Apply(evaluation, Now, NewId).ChangedAlerts.Count;
            }
        }

        return changed + Episode.Advise(Protocol, Now, NewId).Count;
    }

    /// <summary>
    /// The next 1 Hz sample through <see cref="PatientMonitor.Record"/>, as the grain calls it (one message of one
    /// measurement; the grain's array is reused here so the row shows what the monitor allocates); returns the number
    /// of changed alerts and new advice.
    /// </summary>
    public int MonitorSample()
    {
        _monitorAt = _monitorAt.AddSeconds(1);
        if (_message.Length == 0)
        {
            _message = new Measurement[1];
        }

        _message[0] = NextSample(_monitorAt);
        var outcome = Monitor.Record(_message, DeviceKind.Oximeter, DeviceId, Protocol, _monitorAt);
        return outcome.ChangedAlerts.Count + outcome.Advice.Count;
    }

    /// <summary>The next 1 Hz sample through <see cref="ContinuousStreams.Observe"/> alone (the fixture's own streams, a reused message array).</summary>
    public int StreamsSample()
    {
        Now = Now.AddSeconds(1);
        if (_message.Length == 0)
        {
            _message = new Measurement[1];
        }

        _message[0] = NextSample(Now);
        _prescriptionOfStreams ??= new OxygenPrescription(Episode.OxygenFlow);
        return Streams.Observe(DeviceId, DeviceKind.Oximeter, _message, true, Protocol, _prescriptionOfStreams).Count;
    }

    /// <summary>The next 1 Hz sample through a <see cref="ContinuousEvaluator"/> of its own (made on first use).</summary>
    public Level EvaluatorSample()
    {
        _evaluator ??= new ContinuousEvaluator(Protocol);
        _prescriptionOfStreams ??= new OxygenPrescription(Episode.OxygenFlow);
        _evaluatorAt = _evaluatorAt == default ? Now : _evaluatorAt.AddSeconds(1);
        _evaluator.Observe(Domain.Continuous.ContinuousSample.From(NextSample(_evaluatorAt)), _prescriptionOfStreams);
        return _evaluator.Level;
    }

    private OxygenPrescription? _prescriptionOfStreams;
    private ContinuousEvaluator? _evaluator;
    private DateTimeOffset _evaluatorAt;

    /// <summary>A spot check from the patient app (one second later), through the grain's path.</summary>
    public int SpotCheck()
    {
        Now = Now.AddSeconds(1);
        var measurement = new Measurement(Now, Spo2: 95, HeartRate: 80, RespiratoryRate: 16, Temperature: 37.1, Feeling: Feeling.Same);
        var steps = Streams.Observe(
            "patient-app", DeviceKind.PatientApp, [measurement], true, Episode.EffectiveProtocol(Protocol), new OxygenPrescription(Episode.OxygenFlow));
        var changed = 0;
        foreach (var step in steps)
        {
            changed += Episode.Record(step.Measurement, Protocol, Now, NewId).ChangedAlerts.Count;
        }

        return changed + Episode.Advise(Protocol, Now, NewId).Count;
    }

    /// <summary>The advice the episode would add one second later (the grain asks after every message).</summary>
    public int Advise()
    {
        Now = Now.AddSeconds(1);
        return Episode.Advise(Protocol, Now, NewId).Count;
    }

    /// <summary>The grain's persisted state as it would save it now.</summary>
    public PatientGrainState State(bool withTimeline = true)
    {
        var snapshot = Episode.ToSnapshot();
        return new PatientGrainState(
            withTimeline ? snapshot : snapshot with { Timeline = [] },
            null, Streams.LastSampleAt, Streams.ToState());
    }

    public Measurement NextSample(DateTimeOffset at) => new(
        at, Spo2: 94 + _random.Next(3), HeartRate: 74 + _random.Next(9), RespiratoryRate: 15 + _random.Next(3), PerfusionIndex: 2.5);

    private string NewId() => "id-" + (++_ids).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
