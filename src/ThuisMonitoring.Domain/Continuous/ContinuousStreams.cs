using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Continuous;

/// <summary>
/// The continuous streams of one patient, one per device (two meters of one patient never mix in one window), and what
/// each measurement is: a spot check, the warm-up of a stream, or a stream sample (PROTOCOL.md section 4).
/// </summary>
/// <remarks>
/// Oximeter measurements at most the protocol's gap apart form a stream (<see cref="StreamRules"/>, the protocol's
/// <c>continuous.streams</c>). A stream's samples are never spot checks, its first ones included: its first warm-up
/// time is warm-up (stored, flagged, not evaluated), then its samples go
/// through the device's <see cref="ContinuousEvaluator"/>. The cadence is known from the message itself (a backlog
/// array whose samples are that close) or from the device (one that has streamed before). The one measurement that
/// cannot be known in advance is the first live sample of a device that never streamed: it is a spot check, and the
/// device is known as a stream from its second sample on. Patient apps only send spot checks.
/// </remarks>
public sealed class ContinuousStreams
{
    private readonly Dictionary<string, DeviceStream> _devices = new(StringComparer.Ordinal);

    // The steps of the last Observe, reused (issue 14: a 1 Hz sample allocates nothing).
    private readonly List<StreamStep> _steps = new(4);

    public ContinuousStreams(ContinuousStreamsState? state = null)
    {
        foreach (var device in state?.Devices ?? [])
        {
            _devices[device.DeviceId] = new DeviceStream(device);
        }
    }

    /// <summary>When any stream of the patient last sent a sample (null: no stream yet).</summary>
    public DateTimeOffset? LastSampleAt
    {
        get
        {
            DateTimeOffset? last = null;
            foreach (var device in _devices.Values)
            {
                if (device.LastSampleAt is { } at && (last is null || at > last))
                {
                    last = at;
                }
            }

            return last;
        }
    }

    /// <summary>The escalated continuous level of a device's stream.</summary>
    public Level LevelOf(string deviceId) =>
        _devices.TryGetValue(deviceId, out var device) && device.Evaluator is { } evaluator ? evaluator.Level : Level.Green;

    /// <summary>
    /// Classifies and, for stream samples, evaluates the measurements of one message of a device, in order.
    /// <paramref name="protocol"/> is the patient's effective protocol (a changed protocol starts the windows over).
    /// The list is these streams' own, reused: valid until their next <see cref="Observe"/> (copy it to keep it).
    /// </summary>
    public IReadOnlyList<StreamStep> Observe(
        string deviceId, DeviceKind kind, IReadOnlyList<Measurement> measurements, bool sensorOn,
        ProtocolDocument protocol, OxygenPrescription prescription)
    {
        var steps = _steps;
        steps.Clear();
        if (kind != DeviceKind.Oximeter)
        {
            foreach (var measurement in measurements)
            {
                steps.Add(new StreamStep(measurement, SampleRole.SpotCheck, ArtefactKind.None, [], null, Level.Green));
            }

            return steps;
        }

        if (!_devices.TryGetValue(deviceId, out var device))
        {
            device = new DeviceStream(new DeviceStreamState(deviceId, false, null, null, null));
            _devices[deviceId] = device;
        }

        for (var i = 0; i < measurements.Count; i++)
        {
            var measurement = measurements[i];
            var next = i + 1 < measurements.Count ? measurements[i + 1].MeasuredAt : (DateTimeOffset?)null;
            steps.Add(device.Observe(measurement, next, sensorOn, protocol, prescription));
        }

        return steps;
    }

    public ContinuousStreamsState ToState()
    {
        var devices = new DeviceStreamState[_devices.Count];
        var i = 0;
        foreach (var device in _devices.Values)
        {
            devices[i++] = device.ToState();
        }

        return new ContinuousStreamsState(devices);
    }

    /// <summary>One device's stream: its cadence, where its current stream started, and its evaluation.</summary>
    private sealed class DeviceStream(DeviceStreamState state)
    {
        private readonly string _deviceId = state.DeviceId;
        private bool _streams = state.Streams;
        private DateTimeOffset? _lastAt = state.LastAt;
        private DateTimeOffset? _streamStart = state.StreamStart;
        private ContinuousState? _saved = state.Evaluation;
        private ProtocolDocument? _evaluatedWith;

        public ContinuousEvaluator? Evaluator { get; private set; }

        public DateTimeOffset? LastSampleAt => _streams ? _lastAt : null;

        public StreamStep Observe(Measurement measurement, DateTimeOffset? nextInMessage, bool sensorOn, ProtocolDocument protocol, OxygenPrescription prescription)
        {
            var at = measurement.MeasuredAt;
            if (_lastAt is { } previous && at <= previous)
            {
                // A late or repeated sample: a stream's windows only move forward; a spot-check device evaluates it.
                return _streams
                    ? new StreamStep(measurement, SampleRole.Continuous, ArtefactKind.None, [], null, Evaluator?.Level ?? Level.Green)
                    : new StreamStep(measurement, SampleRole.SpotCheck, ArtefactKind.None, [], null, Level.Green);
            }

            var rules = protocol.Continuous.Streams;
            var inStream = _lastAt is { } last && at - last <= rules.Gap;
            var startsStream = !inStream && (_streams || (nextInMessage is { } next && next > at && next - at <= rules.Gap));
            if (inStream && _streamStart is null)
            {
                // The previous measurement was taken for a spot check; this one shows it was the start of a stream.
                _streamStart = _lastAt;
            }

            _lastAt = at;
            if (!inStream && !startsStream)
            {
                _streamStart = null;
                return new StreamStep(measurement, SampleRole.SpotCheck, ArtefactKind.None, [], null, Level.Green);
            }

            _streams = true;
            if (startsStream)
            {
                _streamStart = at;
            }

            if (at - _streamStart!.Value < rules.WarmUp)
            {
                return new StreamStep(measurement, SampleRole.WarmUp, ArtefactKind.None, [], null, Evaluator?.Level ?? Level.Green);
            }

            var evaluator = EvaluatorFor(protocol);
            var outcome = evaluator.Observe(ContinuousSample.From(measurement, sensorOn), prescription);
            return new StreamStep(measurement, SampleRole.Continuous, outcome.Artefact, outcome.LateArtefacts, outcome.Evaluation, evaluator.Level);
        }

        public DeviceStreamState ToState() => new(_deviceId, _streams, _lastAt, _streamStart, Evaluator?.ToState() ?? _saved);

        private ContinuousEvaluator EvaluatorFor(ProtocolDocument protocol)
        {
            // The same protocol instance as the last sample's: the same id (ProtocolDocument.Id is made on every read).
            if (Evaluator is not null && ReferenceEquals(protocol, _evaluatedWith))
            {
                return Evaluator;
            }

            if (Evaluator is null || Evaluator.ProtocolId != protocol.Id)
            {
                Evaluator = new ContinuousEvaluator(protocol, Evaluator?.ToState() ?? _saved);
                _saved = null;
            }

            _evaluatedWith = protocol;
            return Evaluator;
        }
    }
}

/// <summary>The saved streams of a patient.</summary>
public sealed record ContinuousStreamsState(IReadOnlyList<DeviceStreamState> Devices);

/// <summary>
/// The saved stream of one device: whether it streams (its cadence is known), its last sample, where its current
/// stream started, and its evaluation.
/// </summary>
public sealed record DeviceStreamState(
    string DeviceId,
    bool Streams,
    DateTimeOffset? LastAt,
    DateTimeOffset? StreamStart,
    ContinuousState? Evaluation);
